"""Stand-in for ansible-test's pip bootstrap script, which it downloads from a host this
machine cannot reach. ansible-test runs it inside a fresh virtual environment with pip's
install options; pip comes from the standard library's ensurepip instead, then installs the
same packages from the configured package index."""

import subprocess
import sys

DROPPED = ("--no-setuptools", "--no-wheel")


def main():
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
    args = [arg for arg in sys.argv[1:] if arg not in DROPPED]
    if args:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--disable-pip-version-check"] + args)


if __name__ == "__main__":
    main()
