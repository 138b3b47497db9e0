"""Every interface string of the dashboard, looked up by key: the one place a translation plugs in.

Figure titles live with the figure builders; this module holds what the page itself says.
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "en"

CATALOGUES: dict[str, dict[str, str]] = {
    "en": {
        "app_title": "{short_name} Partner Atlas",
        "subtitle": "International partnerships of {name}",
        "filters": "Filters",
        "reset": "Reset filters",
        "tier": "Tier",
        "tier.strategic": "Strategic",
        "tier.collaboration": "Collaboration",
        "tier.mobility": "Mobility",
        "country": "Country",
        "country_placeholder": "Type a country",
        "region": "World region",
        "activity": "Activity",
        "activity.student_mobility": "Student mobility",
        "activity.staff_mobility": "Staff mobility",
        "activity.internship": "Internships",
        "activity.benchmarking": "Benchmarking",
        "activity.research": "Research",
        "activity.joint_degree": "Joint degree",
        "activity.double_degree": "Double degree",
        "activity.multiple_degree": "Multiple degree",
        "campus": "Home campus",
        "years": "Academic years",
        "participant": "Participant",
        "participant.student": "Students",
        "participant.staff": "Staff",
        "direction": "Direction",
        "direction.outgoing": "Outgoing",
        "direction.incoming": "Incoming",
        "search": "Search a partner",
        "search_placeholder": "Name or city",
        "any": "All",
        "dark_mode": "Dark",
        "no_filter": "Showing every partner. Click a tier, a country or a bar to filter.",
        "remove_filter": "Remove filter {label}",
        "count.partners": "Partners",
        "count.countries": "Countries",
        "count.mobilities": "Mobilities",
        "count.in_filter": "in the current filter",
        "key_figures": "Key figures",
        "map": "World map",
        "layer.partners": "Partners",
        "layer.countries": "Countries",
        "layer.flows": "Flows",
        "metric.partners": "Partners",
        "metric.mobility": "Mobility",
        "pyramid": "Partnership tiers",
        "pyramid_hint": "Strategic partners also do everything the tiers below do. Click a tier to filter.",
        "trend": "Mobility per academic year",
        "duration": "Semester and short-term",
        "by_campus": "By home campus",
        "top_countries": "Top countries",
        "top_partners": "Top partners",
        "table": "Partners",
        "table_search": "Search the table",
        "col.name": "Partner",
        "col.city": "City",
        "col.country": "Country",
        "col.tier": "Tier",
        "col.volume": "Mobility",
        "col.agreement": "Agreement",
        "col.website": "Website",
        "detail.agreement": "Agreement",
        "detail.activities": "Activities",
        "detail.networks": "Networks",
        "detail.website": "Website",
        "detail.erasmus": "Erasmus code",
        "detail.mobility": "Mobility per academic year",
        "detail.no_mobility": "No mobility recorded with this partner.",
        "detail.year": "Year",
        "detail.out_students": "Out students",
        "detail.out_staff": "Out staff",
        "detail.in_students": "In students",
        "detail.in_staff": "In staff",
        "detail.place": "Place",
        "detail.approximate": "placed at the country's centre: the city is unknown",
        "open_ended": "open-ended",
        "unknown": "unknown",
        "none": "none",
        "source": "Source: {source}",
    },
}


def text(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for key in language (English when the language lacks it), with {placeholders} filled."""
    catalogue = CATALOGUES.get(language, CATALOGUES[DEFAULT_LANGUAGE])
    template = catalogue.get(key) or CATALOGUES[DEFAULT_LANGUAGE][key]
    return template.format(**values) if values else template
