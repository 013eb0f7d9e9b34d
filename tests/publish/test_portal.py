"""The real thing: releases of the library deployed to a folder and served by nginx.

Two releases are built from a git copy of the work tree (``tests.portal``): the library,
then an amendment of Điều 1 of the 2018 law that also moves the law to a new address.
"""

from __future__ import annotations

import gzip
import http.client
import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from kb.publish.config import DeployConfig
from kb.publish.csp import policy
from kb.publish.deploy import Deployer
from tests.portal import (
    AMENDED_WORDS,
    NEW_PLAN,
    OLD_ADDRESS,
    Nginx,
    Portal,
    build_portal,
    deployer,
    require_nginx,
    wait_for_headers,
)

LAW = "van-ban/24-2018-qh14/"


@pytest.fixture(scope="session")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Portal:
    return build_portal(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def live(portal: Portal, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    """nginx serving the first release, deployed before it starts (its headers must exist)."""
    require_nginx()
    base = tmp_path_factory.mktemp("nginx")
    target = base / "srv" / "thu-vien"
    nginx = Nginx(base / "nginx", target, portal.sub_path)
    Deployer(DeployConfig(str(target))).deploy(portal.first)  # nothing to reload yet
    nginx.start()
    yield nginx
    nginx.stop()


def fetch(nginx: Nginx, path: str, compressed: bool = False) -> tuple[int, dict, bytes]:
    """(status, headers with lower-case names, body) of one GET, redirects not followed."""
    parts = urlsplit(nginx.base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Accept-Encoding": "gzip"} if compressed else {}
    connection.request("GET", path if path.startswith("/") else urlsplit(nginx.base_url).path
                       + path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def text(nginx: Nginx, path: str) -> str:
    status, _, body = fetch(nginx, path)
    assert status == 200, path
    return body.decode("utf-8")


def release_hashes(nginx: Nginx) -> list[str]:
    return json.loads(text(nginx, "release.json"))["script_hashes"]


def test_the_library_is_served_under_its_sub_path_only(live: Nginx, portal: Portal) -> None:
    assert "Thư viện pháp luật an ninh mạng</title>" in text(live, "")
    status, headers, _ = fetch(live, portal.sub_path.rstrip("/"))
    assert (status, headers["location"]) == (301, portal.sub_path)
    status, headers, _ = fetch(live, LAW.rstrip("/"))
    assert (status, headers["location"]) == (301, f"{portal.sub_path}{LAW}")
    assert fetch(live, "/")[0] == 404


def test_every_response_carries_the_security_headers(live: Nginx) -> None:
    csp = policy(release_hashes(live))
    assert "'unsafe-inline'" not in csp
    for path in ("", LAW, "assets/search/manifest.json", "khong-co-trang-nay/"):
        _, headers, _ = fetch(live, path)
        assert headers["content-security-policy"] == csp, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert headers["x-frame-options"] == "SAMEORIGIN"


def test_fingerprinted_assets_are_cached_for_a_year_and_pages_revalidated(live: Nginx) -> None:
    bundle = next(name for name in text(live, "").split('"')
                  if name.startswith("assets/javascripts/bundle.") and name.endswith(".min.js"))
    _, headers, _ = fetch(live, bundle)
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-type"] == "application/javascript; charset=utf-8"
    for path in ("", LAW, "assets/javascripts/citations.js", "assets/search/manifest.json"):
        assert fetch(live, path)[1]["cache-control"] == "no-cache", path


def test_text_is_compressed_and_the_index_and_feeds_have_their_types(live: Nginx) -> None:
    status, headers, body = fetch(live, LAW, compressed=True)
    assert headers["content-encoding"] == "gzip"
    assert "Luật An ninh mạng" in gzip.decompress(body).decode("utf-8")
    _, headers, body = fetch(live, "assets/search/manifest.json", compressed=True)
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(gzip.decompress(body))
    assert fetch(live, "atom.xml")[1]["content-type"] == \
        "application/atom+xml; charset=utf-8"
    assert fetch(live, "rss.xml")[1]["content-type"] == \
        "application/rss+xml; charset=utf-8"


def test_a_missing_page_gets_the_sites_404_page_with_its_assets_under_the_sub_path(
        live: Nginx, portal: Portal) -> None:
    status, _, body = fetch(live, "van-ban/khong-co/")
    assert status == 404
    page = body.decode("utf-8")
    assert f'href="{portal.sub_path}assets/stylesheets/kb.css"' in page


def test_deploy_of_an_amendment_then_rollback_end_to_end(live: Nginx, portal: Portal) -> None:
    target = live.target
    assert AMENDED_WORDS not in text(live, LAW)
    assert fetch(live, f"van-ban/{OLD_ADDRESS}/")[0] == 404
    assert fetch(live, NEW_PLAN)[0] == 404
    done = deployer(target, live).deploy(portal.second)
    wait_for_headers(target, live)
    amended = text(live, LAW)
    assert AMENDED_WORDS in amended
    assert json.loads(text(live, "release.json"))["id"] == done.live
    # The plan imported from a .docx is live, with its original for download.
    plan = text(live, NEW_PLAN)
    assert "Kế hoạch số 45/KH-UBND: Diễn tập ứng cứu sự cố an ninh mạng năm 2026" in plan
    assert fetch(live, "van-ban/goc/45-kh-ubnd.docx")[0] == 200
    # The old address sends readers on, with the anchor, and names the new one.
    redirect = text(live, f"van-ban/{OLD_ADDRESS}/")
    assert '<meta http-equiv="refresh" content="0; url=../24-2018-qh14/">' in redirect
    assert f'<link rel="canonical" href="https://cong-thong-tin.example{portal.sub_path}{LAW}">' \
        in redirect
    # What is new says so, and the law's changelog names the article that changed.
    assert "Sửa đổi Điều 1 Luật An ninh mạng 2018" in text(live, "cap-nhat/")
    assert "Sửa đổi Điều 1" in text(live, "atom.xml")
    changelog = text(live, "lich-su/24-2018-qh14/")
    assert "10/2/2026: Sửa đổi Điều 1 Luật An ninh mạng 2018" in changelog
    assert 'href="../../van-ban/24-2018-qh14/#dieu-1">Điều 1. Phạm vi điều chỉnh</a>' in changelog
    assert "Cập nhật lần cuối: <time datetime=\"2026-02-10\">10/2/2026</time>" in amended
    back = deployer(target, live).rollback()
    assert back.live == portal.first.name.removeprefix("thu-vien-").removesuffix(".tar.gz")
    assert AMENDED_WORDS not in text(live, LAW)
