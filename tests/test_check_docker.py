"""scripts/check_docker.py: the CI check of the Docker path (no engine)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_docker", ROOT / "scripts/check_docker.py")
check_docker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_docker)

COMPOSE_BUILT = """services:
  db:
    image: postgres:16
  odoo:
    build: .
    image: chp-odoo:18.0
"""
COMPOSE_BARE = """services:
  db:
    image: postgres:16
  odoo:
    image: odoo:18.0  # the official image alone
"""


def write(tmp_path, dockerfile, compose):
    (tmp_path / "Dockerfile").write_text(dockerfile)
    (tmp_path / "docker-compose.yml").write_text(compose)
    addon = tmp_path / "addons" / "chp_x"
    addon.mkdir(parents=True)
    (addon / "__manifest__.py").write_text(
        '{"name": "x", "external_dependencies": {"python": ["holidays", "dateutil"]}}'
    )
    return check_docker.check(tmp_path, tmp_path / "Dockerfile", [tmp_path / "docker-compose.yml"])


def test_the_repository_docker_path_is_complete():
    assert check_docker.main(["--root", str(ROOT)]) == 0


def test_a_complete_dockerfile_and_compose_pass(tmp_path):
    dockerfile = (
        "FROM odoo:18.0\nUSER root\nRUN pip3 install --break-system-packages \\\n"
        '    "holidays>=0.60" python-dateutil==2.9.0.post0\n'
    )
    assert write(tmp_path, dockerfile, COMPOSE_BUILT) == []


def test_debian_packages_count_as_installed(tmp_path):
    dockerfile = (
        "FROM odoo:18.0\nRUN apt-get update && apt-get install -y python3-holidays "
        "python3-dateutil && rm -rf /var/lib/apt/lists/*\n"
    )
    assert write(tmp_path, dockerfile, COMPOSE_BUILT) == []


def test_a_missing_dependency_fails(tmp_path):
    dockerfile = "FROM odoo:18.0\nRUN pip3 install python-dateutil\n"
    problems = write(tmp_path, dockerfile, COMPOSE_BUILT)
    assert len(problems) == 1
    assert "'holidays'" in problems[0] and "chp_x" in problems[0]


def test_a_compose_file_running_the_bare_image_fails(tmp_path):
    dockerfile = "FROM odoo:18.0\nRUN pip3 install holidays python-dateutil\n"
    problems = write(tmp_path, dockerfile, COMPOSE_BARE)
    assert len(problems) == 1
    assert "bare image 'odoo:18.0'" in problems[0]


def test_another_base_image_fails(tmp_path):
    problems = write(
        tmp_path, "FROM python:3.12\nRUN pip install holidays python-dateutil\n", COMPOSE_BUILT
    )
    assert problems == [f"{tmp_path / 'Dockerfile'}: must start FROM odoo:18.0"]
