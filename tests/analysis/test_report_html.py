"""The HTML reports are self-contained (no network) and carry the same numbers as the JSON beside them."""
import json
import re

import pytest

from flashpoint.report.html import data_uri, write_claims_report, write_compare_report


def assert_self_contained(text):
    images = re.findall(r'<img src="([^"]+)"', text)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    assert not re.search(r'(src|href)\s*=\s*["\'](?!data:)', text, flags=re.I)
    assert not re.search(r"https?://", text) and "@import" not in text and "<script" not in text.lower()
    assert "<link" not in text.lower()


def test_compare_report(tmp_path, comparison):
    paths = write_compare_report(comparison, tmp_path)
    text = paths["html"].read_text(encoding="utf-8")
    assert_self_contained(text)
    assert "no-decapitation" in text and "Fan charts per policy" in text and "paired differences" in text
    assert text.count("<img") == 3 + 6 + 2          # per-policy fan charts, all-policy charts, differences
    assert json.loads(paths["json"].read_text()) == json.loads(json.dumps(comparison.to_dict()))
    csv = paths["csv"].read_text().splitlines()
    assert csv[0].startswith("indicator,policy,mean,q05,q95") and len(csv) == 1 + 3 * len(comparison.indicators)


def test_claims_report(tmp_path, claims_report):
    paths = write_claims_report(claims_report, tmp_path)
    text = paths["html"].read_text(encoding="utf-8")
    assert_self_contained(text)
    for c in claims_report:
        assert c.claim.id in text and c.verdict in text
    assert "deciding parameters" in text
    assert json.loads(paths["json"].read_text())["claims"][0]["id"] == "H3"
    assert paths["sensitivity"].read_text().startswith("claim,parameter,S1")


def test_data_uri_refuses_what_is_not_a_png(tmp_path):
    bad = tmp_path / "x.png"
    bad.write_bytes(b"GIF89a")
    with pytest.raises(ValueError):
        data_uri(bad)
