"""The public pages' routes, at the site's root and under a reverse proxy's prefix, and their search in the URL."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from tests.agreement_factories import make_agreement, with_agreements


@pytest.mark.parametrize("prefix", ["/", "/atlas/"])
@pytest.mark.parametrize("page", ["destinations/", "embed/"])
def test_the_public_pages_answer_under_the_prefix_and_the_bare_path_redirects(prefix, page):
    app = create_app(Settings(url_prefix=prefix), with_agreements([make_agreement(partner_id="P01")]))
    client = app.server.test_client()
    served = client.get(prefix + page + "?field=0913")
    assert served.status_code == 200 and b"_dash-config" in served.data
    bare = client.get(prefix + page.rstrip("/") + "?field=0913")
    assert bare.status_code == 302 and bare.headers["Location"].endswith(prefix + page + "?field=0913")
    layout = client.get(prefix + page + "_dash-layout", headers={"Referer": f"http://x{prefix}{page}?lang=nl"})
    expected = b"dest-page" if page.startswith("destinations") else b"embed-page"
    assert layout.status_code == 200 and expected in layout.data
