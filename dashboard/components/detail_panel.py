"""The detail panel of one partner: agreement, activities, networks and mobility per academic year."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.components.agreements_detail import agreements_section
from dashboard.components.partner_table import agreement_years
from dashboard.i18n import country_label, text
from dashboard.import_table import geo_note

# (direction, participant) columns of the mobility table, in reading order.
MOBILITY_COLUMNS = (
    ("outgoing", "student", "detail.out_students"),
    ("outgoing", "staff", "detail.out_staff"),
    ("incoming", "student", "detail.in_students"),
    ("incoming", "staff", "detail.in_staff"),
)


def detail_drawer(language: str = "en") -> dmc.Drawer:
    """Non-modal, so the map and the table stay usable while it is open."""
    return dmc.Drawer(
        id=ids.DETAIL_PANEL,
        opened=False,
        position="right",
        size="min(440px, 92vw)",
        withOverlay=False,
        lockScroll=False,
        trapFocus=False,
        closeOnClickOutside=False,
        returnFocus=False,
        shadow="xl",
        padding="lg",
        title="",
        closeButtonProps={"aria-label": text("detail.close", language)},
        children=[
            # The address already names the partner (?partner=): copying it shares this panel.
            dmc.Button(
                text("detail.copy_link", language),
                id=ids.COPY_LINK,
                size="compact-sm",
                variant="light",
                mb="sm",
                className="atlas-copy-link",
            ),
            html.Div(id=ids.DETAIL_BODY),
        ],
        className="atlas-detail",
    )


def mobility_per_year(mobility: pd.DataFrame) -> list[list[object]]:
    """One row per academic year: the year, then the counts in MOBILITY_COLUMNS order."""
    if mobility.empty:
        return []
    table = mobility.pivot_table(
        index="academic_year", columns=["direction", "participant"], values="count", aggfunc="sum", fill_value=0
    )
    rows = []
    for year in sorted(table.index):
        rows.append([year, *(int(table.loc[year].get((d, p), 0)) for d, p, _ in MOBILITY_COLUMNS)])
    return rows


def _field(label: str, value) -> html.Div:
    return html.Div(
        [dmc.Text(label, size="xs", c="dimmed", tt="uppercase", fw=600), html.Div(value)], className="detail-field"
    )


def _badges(values, key_prefix: str | None, language: str) -> object:
    if not values:
        return dmc.Text(text("none", language), size="sm", c="dimmed")
    return dmc.Group(
        [
            dmc.Badge(
                text(f"{key_prefix}.{v}", language) if key_prefix else str(v), variant="light", size="sm", tt="none"
            )
            for v in values
        ],
        gap=4,
    )


def _website(url: str):
    """A link only for http(s) addresses; anything else stays text so a crafted value cannot run."""
    if url.lower().startswith(("http://", "https://")):
        return html.A(
            url.split("://", 1)[1].rstrip("/"),
            href=url,
            target="_blank",
            rel="noopener noreferrer",
            className="grid-link",
        )
    return dmc.Text(url or "-", size="sm")


def partner_detail(
    partner: pd.Series,
    mobility: pd.DataFrame,
    language: str = "en",
    agreements: pd.DataFrame | None = None,
    reference: int | None = None,
) -> list:
    """Children of the detail panel for one partner row (PARTNER_COLUMNS), its mobility rows and its agreements
    (expired when their last year is before `reference`)."""
    country = country_label(str(partner["country"] or ""), language, str(partner["country_name"] or ""))
    place = ", ".join(str(v) for v in (partner["city"], country) if v)
    rows = mobility_per_year(mobility)
    tier = str(partner["tier"])
    children = [
        dmc.Group(
            [
                dmc.Badge(text(f"tier.{tier}", language), className=f"tier-badge tier-{tier}", variant="filled"),
                dmc.Text(place, size="sm"),
            ],
            gap="sm",
        ),
    ]
    if partner.get("geo_precision") == "country":
        children.append(dmc.Text(text("detail.approximate", language), size="xs", c="dimmed", fs="italic"))
    note = geo_note(partner.get("geo_note"))
    if note:  # what the geocoder made of a messy city field: the office can tell whether it read it right
        children.append(
            dmc.Text(text("detail.geo_note", language, note=note), size="xs", c="dimmed", className="detail-geo-note")
        )
    children += [
        _field(
            text("detail.agreement", language),
            agreement_years(partner["agreement_start"], partner["agreement_end"], language)
            or text("unknown", language),
        ),
        _field(text("detail.activities", language), _badges(tuple(partner["activities"] or ()), "activity", language)),
        _field(text("detail.networks", language), _badges(tuple(partner["networks"] or ()), None, language)),
        _field(text("detail.website", language), _website(str(partner["website"] or ""))),
    ]
    if partner.get("erasmus_code"):
        children.append(_field(text("detail.erasmus", language), dmc.Code(str(partner["erasmus_code"]))))
    if agreements is not None and len(agreements):
        children.append(
            _field(
                text("agreements", language),
                html.Div(agreements_section(agreements, reference or 0, language), className="detail-agreements"),
            )
        )
    head = [text("detail.year", language), *(text(key, language) for _, _, key in MOBILITY_COLUMNS)]
    children.append(
        _field(
            text("detail.mobility", language),
            dmc.Table(
                data={"head": head, "body": rows},
                striped=True,
                highlightOnHover=True,
                fz="sm",
                className="detail-mobility",
            )
            if rows
            else dmc.Text(text("detail.no_mobility", language), size="sm", c="dimmed"),
        )
    )
    return children
