"""Every form of a page that posts: its action and its fields, as a browser sends them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    submit: tuple[str, str] | None = None  # the first named submit button


class _Forms(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self.form = Form(a.get("action") or self.page_url)
            return
        if self.form is None or "disabled" in a:
            return
        name, kind = a.get("name"), a.get("type") or ""
        if tag == "button" or (tag == "input" and kind == "submit"):
            if name and self.form.submit is None:
                self.form.submit = (name, a.get("value") or "")
        elif tag == "input" and name:
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.form.fields.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in a:
            self.form.fields.setdefault(self.select, []).append(a.get("value") or "")
        elif tag == "textarea" and name:
            self.form.fields[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None
        elif tag == "select":
            self.select = None


def post_forms(html: str, page_url: str) -> list[Form]:
    parser = _Forms(page_url)
    parser.feed(html)
    return parser.forms
