"""One settings module: every WORKBENCH_* value parsed once; bad ones stop start-up with one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench import settings as cfg
from workbench.library import BUNDLED_CASES, case_folders
from workbench.store import store_url
from workbench.suggest import llm_settings

ROOT = Path(__file__).resolve().parents[2]
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 40, "client_id": "wb",
        "client_secret": "s", "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration"}


def test_defaults_when_nothing_is_set():
    s = cfg.read({})
    assert (s.store, s.cases, s.s3_endpoint_url, s.team) == ("./sessions", "", "", "")
    assert s.llm_timeout_s == 20.0 and s.llm_api_key.get_secret_value() == ""


def test_the_library_the_store_and_the_llm_read_through_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_STORE", "memory://team")
    monkeypatch.setenv("WORKBENCH_CASES", f"{tmp_path}/a{':'} {tmp_path}/b ")
    monkeypatch.setenv("WORKBENCH_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("WORKBENCH_LLM_MODEL", "m")
    monkeypatch.setenv("WORKBENCH_LLM_API_KEY", "k")
    monkeypatch.setenv("WORKBENCH_LLM_TIMEOUT_S", "500")
    assert store_url() == "memory://team"
    assert case_folders() == [BUNDLED_CASES, tmp_path / "a", tmp_path / "b"]
    llm = llm_settings()
    assert llm is not None and (llm.base_url, llm.model, llm.api_key, llm.timeout_s) == (
        "http://127.0.0.1:9/v1", "m", "k", 120.0)


def test_the_api_key_never_shows_in_a_printed_settings_object():
    s = cfg.read({"WORKBENCH_LLM_API_KEY": "sk-very-secret"})
    assert "sk-very-secret" not in repr(s) and "sk-very-secret" not in str(s)


@pytest.mark.parametrize(("env", "says"), [
    ({"WORKBENCH_STORE": "nosuch://bucket/x"}, "WORKBENCH_STORE: Value error, unknown storage protocol 'nosuch'"),
    ({"WORKBENCH_LLM_TIMEOUT_S": "soon"}, "WORKBENCH_LLM_TIMEOUT_S: Input should be a valid number"),
    ({"WORKBENCH_S3_ENDPOINT_URL": "minio:9000"}, "WORKBENCH_S3_ENDPOINT_URL: Value error, must be an http"),
])
def test_a_malformed_value_is_one_line_naming_the_variable(env, says):
    with pytest.raises(cfg.SettingsError) as err:
        cfg.read(env)
    assert str(err.value).startswith(says) and "\n" not in str(err.value)


def test_the_team_comes_from_its_file_or_from_secrets(tmp_path):
    team_file = tmp_path / "team.toml"
    team_file.write_text('interviewers = ["ana@example.com"]\nreviewers = ["@example.org"]\n')
    team = cfg.load_team(cfg.read({"WORKBENCH_TEAM": str(team_file)}))
    assert team.interviewers == ("ana@example.com",) and team.reviewers == ("@example.org",)
    yaml_file = tmp_path / "team.yaml"
    yaml_file.write_text("interviewers: ['@example.com']\n")
    assert cfg.load_team(cfg.read({"WORKBENCH_TEAM": str(yaml_file)})).interviewers == ("@example.com",)
    secrets = {"workbench": {"team": {"reviewers": ["rev@example.net"]}}}
    assert cfg.load_team(cfg.read({}), secrets).reviewers == ("rev@example.net",)
    assert cfg.load_team(cfg.read({})).interviewers == ()


@pytest.mark.parametrize(("text", "says"), [
    ('interviewers = ["example.com"]', "neither an e-mail address nor an @domain"),
    ('interviewer = ["ana@example.com"]', "interviewer: Extra inputs are not permitted"),
    ("interviewers = [", "is not valid"),
])
def test_a_bad_team_file_is_one_line(tmp_path, text, says):
    team_file = tmp_path / "team.toml"
    team_file.write_text(text)
    with pytest.raises(cfg.SettingsError, match=says) as err:
        cfg.load_team(cfg.read({"WORKBENCH_TEAM": str(team_file)}))
    assert "\n" not in str(err.value)


def test_auth_is_off_without_the_section_and_checked_with_it():
    assert not cfg.check_auth({})
    assert cfg.check_auth({"auth": AUTH})
    with pytest.raises(cfg.SettingsError, match="missing client_secret, server_metadata_url"):
        cfg.check_auth({"auth": {k: v for k, v in AUTH.items() if k not in ("client_secret", "server_metadata_url")}})
    with pytest.raises(cfg.SettingsError, match="cookie_secret is too short"):
        cfg.check_auth({"auth": {**AUTH, "cookie_secret": "short"}})


def test_startup_passes_on_a_reachable_store_and_fails_in_one_line_on_an_unreachable_one(tmp_path):
    assert cfg.check_startup({}, {"WORKBENCH_STORE": str(tmp_path / "store")}).store == str(tmp_path / "store")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(cfg.SettingsError) as err:
        cfg.check_startup({}, {"WORKBENCH_STORE": str(blocker / "store")})
    line = str(err.value)
    assert line.startswith(f"WORKBENCH_STORE: cannot reach {blocker / 'store'}") and "\n" not in line
    with pytest.raises(cfg.SettingsError, match=r"WORKBENCH_CASES: .* is not a folder"):
        cfg.check_startup({}, {"WORKBENCH_STORE": str(tmp_path / "store"), "WORKBENCH_CASES": str(blocker)})


def _check_config(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", "check-config"], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", **env})


def test_check_config_prints_one_line_and_exits_1_on_a_bad_setting(tmp_path):
    bad = _check_config({"WORKBENCH_STORE": "nosuch://x"}, tmp_path)
    assert bad.returncode == 1 and bad.stderr == ""
    assert bad.stdout.strip().splitlines() == [
        "configuration error: WORKBENCH_STORE: Value error, unknown storage protocol 'nosuch'"]
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('[auth]\nclient_id = "wb"\n')
    no_auth = _check_config({"WORKBENCH_STORE": str(tmp_path / "s")}, tmp_path)
    assert no_auth.returncode == 1 and "[auth] in secrets.toml is missing redirect_uri" in no_auth.stdout
    (tmp_path / ".streamlit" / "secrets.toml").unlink()
    good = _check_config({"WORKBENCH_STORE": str(tmp_path / "s")}, tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr


def test_startup_on_s3_accepts_an_empty_prefix_and_names_an_unreachable_endpoint():
    from workbench.devs3 import free_port, moto_s3

    with moto_s3() as endpoint:
        env = {"WORKBENCH_STORE": "s3://wb-startup/nothing/yet", "WORKBENCH_S3_ENDPOINT_URL": endpoint}
        assert cfg.check_startup({}, env).store == "s3://wb-startup/nothing/yet"
        dead = {**env, "WORKBENCH_S3_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}"}
        with pytest.raises(cfg.SettingsError) as err:
            cfg.check_startup({}, dead)
    line = str(err.value)
    assert line.startswith("WORKBENCH_STORE: cannot reach s3://wb-startup/nothing/yet: Could not connect")
    assert "\n" not in line


def test_the_app_shows_one_line_instead_of_any_page_when_a_setting_is_bad(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WORKBENCH_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("WORKBENCH_LLM_TIMEOUT_S", "soon")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The workbench cannot start: WORKBENCH_LLM_TIMEOUT_S: Input should be a valid number, unable to parse "
        "string as a number"]
    assert not at.title  # no page ran
    monkeypatch.setenv("WORKBENCH_LLM_TIMEOUT_S", "30")
    at.run()
    assert not at.error and any(t.value == "Case library" for t in at.title)
