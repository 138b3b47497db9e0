"""The embedding and QR settings: origins and addresses are checked at start, and the CSP follows them."""

import pytest

from dashboard.origins import OriginError, parse_origins, parse_public_url
from dashboard.security import content_security_policy, frame_headers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("   ", ()),
        ("https://www.ucll.be", ("https://www.ucll.be",)),
        ("https://www.ucll.be/", ("https://www.ucll.be",)),
        ("https://WWW.UCLL.be", ("https://www.ucll.be",)),
        ("https://www.ucll.be, http://localhost:8000", ("https://www.ucll.be", "http://localhost:8000")),
        (
            "https://a.example.edu;https://b.example.edu https://a.example.edu",
            ("https://a.example.edu", "https://b.example.edu"),
        ),
    ],
)
def test_frame_ancestors_are_read_as_a_list_of_origins(text, expected):
    assert parse_origins(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "*",
        "https://*.ucll.be",
        "'self'",
        "www.ucll.be",
        "ftp://files.ucll.be",
        "https://www.ucll.be/partners",
        "https://www.ucll.be?x=1",
        "https://user@www.ucll.be",
        "javascript:alert(1)",
    ],
)
def test_anything_but_an_origin_is_refused_with_the_setting_and_an_example(text):
    with pytest.raises(OriginError) as error:
        parse_origins(text)
    assert "PARTNER_ATLAS_FRAME_ANCESTORS" in str(error.value) and "https://www.example.edu" in str(error.value)


def test_the_csp_lets_only_the_named_origins_frame_the_app():
    closed = content_security_policy([], ())
    assert "frame-ancestors 'none'" in closed
    assert frame_headers(()) == {"X-Frame-Options": "DENY"}
    opened = content_security_policy([], ("https://www.ucll.be", "http://localhost:8000"))
    assert opened.endswith("frame-ancestors https://www.ucll.be http://localhost:8000")
    assert frame_headers(("https://www.ucll.be",)) == {}  # X-Frame-Options cannot name an origin
    # nothing else loosens
    assert closed.replace("frame-ancestors 'none'", "") == opened.replace(
        "frame-ancestors https://www.ucll.be http://localhost:8000", ""
    )


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("", True),
        ("https://www.ucll.be/en/international", True),
        ("http://10.0.0.5:8050/destinations?level=6", True),
        ("www.ucll.be", False),
        ("https://", False),
        ("https://www.ucll.be/a b", False),
        ("mailto:io@ucll.be", False),
    ],
)
def test_the_public_address_must_be_one_a_phone_can_open(text, ok):
    if ok:
        assert parse_public_url(text) == text
    else:
        with pytest.raises(OriginError, match="PARTNER_ATLAS_PUBLIC_URL"):
            parse_public_url(text)


@pytest.mark.parametrize("setting", [{"frame_ancestors": "*"}, {"public_url": "ucll.be"}])
def test_a_wrong_embedding_or_qr_setting_stops_the_app_at_start(setting):
    from dashboard.app import create_app
    from dashboard.config import Settings
    from tests.factories import make_dataset

    with pytest.raises(OriginError):
        create_app(Settings(**setting), dataset=make_dataset())


def test_a_wrong_embedding_setting_in_the_environment_names_the_variable_and_the_form():
    from dashboard.config import SettingError, Settings

    with pytest.raises(SettingError) as error:
        Settings.from_env({"PARTNER_ATLAS_FRAME_ANCESTORS": "*.ucll.be", "PARTNER_ATLAS_PUBLIC_URL": "ucll.be"})
    message = str(error.value)
    assert "PARTNER_ATLAS_FRAME_ANCESTORS='*.ucll.be'" in message and "scheme://host[:port]" in message
    assert "PARTNER_ATLAS_PUBLIC_URL='ucll.be'" in message
    assert (
        Settings.from_env({"PARTNER_ATLAS_FRAME_ANCESTORS": "https://WWW.ucll.be/"}).frame_ancestors
        == "https://www.ucll.be"
    )
