# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/shapes.py: answers compared with the model's shapes, and unexpected answers in a few words."""

from __future__ import annotations

from unittest import mock

from ansible_collections.commerce.admin.plugins.module_utils._contract import shapes


def test_required_and_optional_fields():
    assert shapes.LOGIN.problems({"access_token": "t", "token_type": "bearer", "expires_in": 300}) == []
    assert shapes.LOGIN.problems({"access_token": 1, "expires_in": "300"}) == [
        "access_token is 1, not str", "token_type missing", 'expires_in is "300", not int']
    assert shapes.SSE_PAGE.problems([], "page: ") == ["page: a list, not an object"]
    assert shapes.SSE_FILE.problems(dict(name="a", path="p", repositoryId="r", size=1, lastModified="d", checksum=1.5, type="file")) == []


def test_describe_groups_neighbours_of_one_kind():
    assert shapes.REFRESH.describe() == "{access_token str} + if present: token_type str, expires_in int"
    assert shapes.SSE_PAGE.describe(False) == "{items list, totalResults int}"


def response(status, body=None, content_type="application/json", location=None):
    answer = mock.Mock(status_code=status, is_redirect=location is not None, content=b"x" if body is not None else b"",
                       headers={"Content-Type": content_type, "Location": location})
    answer.json.side_effect = (lambda: body) if isinstance(body, (dict, list)) else ValueError
    return answer


def test_answer_describes_what_came_back():
    assert shapes.answer(response(404, {"errorCode": "14002", "message": "missing"})) == "HTTP 404 errorCode 14002: missing"
    assert shapes.answer(response(302, location="https://sso.example.com/")) == "HTTP 302 redirect to https://sso.example.com/"
    assert shapes.answer(response(503, "<html>", "text/html")) == "HTTP 503 (HTML page, not JSON)"
    assert shapes.answer(response(500, None, "")) == "HTTP 500 (empty body)"
    assert shapes.error_code({"errorCode": 14000}) == "14000" and shapes.error_code({"errorCode": ""}) is None
