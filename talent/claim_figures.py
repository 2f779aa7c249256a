"""The figures inside two claims compared by value, across languages and currencies written
differently: 1亿美元 and $100 million agree; 4亿美元 and $300 million do not."""

from __future__ import annotations

from dataclasses import dataclass, field

from talent.values import same_money

FIGURE_LABELS = ("MONEY", "PERCENT", "NUMBER")


@dataclass(frozen=True)
class Figure:
    """A figure as written in a claim, with its normalised value."""

    label: str
    text: str
    value: dict


def same_figure(a: Figure, b: Figure) -> bool:
    """Whether two figures say the same amount."""
    if a.label != b.label:
        return False
    if a.label == "MONEY":
        return same_money(a.value, b.value)
    key = "percent" if a.label == "PERCENT" else "number"
    return a.value.get(key) is not None and a.value.get(key) == b.value.get(key)


@dataclass(frozen=True)
class FigureComparison:
    """Figures that agree, pair by pair, and those of each claim the other does not match."""

    agree: list[tuple[Figure, Figure]] = field(default_factory=list)
    only_first: list[Figure] = field(default_factory=list)
    only_second: list[Figure] = field(default_factory=list)

    @property
    def differ(self) -> bool:
        """Both claims give a figure of one kind, and one of them matches nothing."""
        kinds = {f.label for f in self.only_first} & {f.label for f in self.only_second}
        return bool(kinds)

    def summary(self) -> str:
        """One line: which figures agree and which differ (empty when there are none)."""
        parts = []
        if self.agree:
            parts.append("agree: " + ", ".join(f"{a.text} = {b.text}" for a, b in self.agree))
        if self.differ:
            first = ", ".join(f.text for f in self.only_first)
            second = ", ".join(f.text for f in self.only_second)
            parts.append(f"differ: {first} ≠ {second}")
        return "; ".join(parts)


def compare_figures(first: list[Figure], second: list[Figure]) -> FigureComparison:
    """Pair each figure of the first claim with an equal one of the second."""
    unmatched = list(second)
    comparison = FigureComparison()
    for figure in first:
        match = next((other for other in unmatched if same_figure(figure, other)), None)
        if match is None:
            comparison.only_first.append(figure)
        else:
            unmatched.remove(match)
            comparison.agree.append((figure, match))
    comparison.only_second.extend(unmatched)
    return comparison
