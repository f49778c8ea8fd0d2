"""Reading rendered pages in tests: parse the HTML and get normalised text."""

import lxml.html


def parse(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content)


def texts(doc, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in doc.xpath(xpath)]


def text(doc, xpath: str) -> str:
    found = texts(doc, xpath)
    assert len(found) == 1, (xpath, found)
    return found[0]


def by_class(name: str) -> str:
    return f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
