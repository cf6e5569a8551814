"""Write the demo's sample SSE zips into DIR, byte for byte the same on every run (fixed
timestamps), so a second demo run finds nothing to upload."""

import sys
import zipfile
from pathlib import Path

SAMPLES = {
    "orders.zip": "orders",
    "payments.zip": "payments",
    "reviews.zip": "reviews",
}
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def write_sample(path, service):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        files = {
            "package.json": '{"name": "%s", "version": "1.0.0", "main": "app/index.js"}\n' % service,
            "app/index.js": "module.exports = function %s(req, res) { res.json({service: '%s'}); };\n" % (service, service),
        }
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)


def main():
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for name, service in SAMPLES.items():
        write_sample(target / name, service)


if __name__ == "__main__":
    main()
