"""A resolver answering from a table, for the cases no real name gives (a public name that
resolves into 10.x, fc00::/7, 169.254.x, …); tests of real resolution use `localhost`."""


class FixedResolver:
    def __init__(self, table: dict[str, list[str]]):
        self.table = table
        self.asked: list[str] = []

    def addresses(self, host):
        self.asked.append(host)
        return list(self.table.get(host, []))

