"""Reading a page's form as a browser would submit it: every field's name and value."""

from __future__ import annotations

from html.parser import HTMLParser


class _Fields(HTMLParser):
    def __init__(self, form_class: str) -> None:
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form" and self.form_class in (a.get("class") or "").split():
            self.inside = True
        if not self.inside or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"submit", "button"}:
            if a.get("type") in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data.setdefault(name, []).append(a.get("value") or "on")
            else:
                self.data.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self.select = name
            self.multiple = "multiple" in a
            self.first = None
            self.data.setdefault(name, [])
        elif tag == "option" and self.select:
            if self.first is None:
                self.first = a.get("value") or ""
            if "selected" in a:
                self.data[self.select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            # A browser sends a single select's first option when none is selected.
            if not self.data[self.select] and not self.multiple and self.first is not None:
                self.data[self.select].append(self.first)
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.data[self.textarea][0] += (
                data.removeprefix("\n") if not self.data[self.textarea][0] else data
            )


def form_fields(response, form_class: str = "record") -> dict[str, list[str]]:
    """The fields of the page's form of `form_class` as submitted: name -> values."""
    parser = _Fields(form_class)
    parser.feed(response.content.decode())
    return parser.data


def post_data(fields: dict[str, list[str]], **changes: str | list[str]) -> dict:
    """Form data for the test client: `fields` with `changes` (by field name)."""
    data: dict = {k: (v if len(v) != 1 else v[0]) for k, v in fields.items()}
    data.update(changes)
    return data
