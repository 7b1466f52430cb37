"""FILE_STORAGE=s3 puts uploaded and generated files in an S3-compatible store (moto's server)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
name = default_storage.save("reports/board.pdf", ContentFile(b"%PDF-1.7 test"))
with default_storage.open(name) as handle:
    assert handle.read() == b"%PDF-1.7 test"
from django.core.files.storage import storages
print(type(storages["default"]).__name__, name, default_storage.url(name).split("?")[0])
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3_server(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=(tmp_path / "moto.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_files_go_to_the_bucket_when_file_storage_is_s3(s3_server):
    credentials = {"aws_access_key_id": "portal", "aws_secret_access_key": "portal-secret"}
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="eu-north-1", **credentials)
    s3.create_bucket(Bucket="portal-files", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "FILE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "portal-files",
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": "eu-north-1",
        "AWS_ACCESS_KEY_ID": "portal",
        "AWS_SECRET_ACCESS_KEY": "portal-secret",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    backend, name, url = result.stdout.split()
    assert backend == "S3Storage"
    assert url == f"{s3_server}/portal-files/{name}"
    stored = s3.get_object(Bucket="portal-files", Key=name)["Body"].read()
    assert stored == b"%PDF-1.7 test"


def test_the_file_system_stays_the_default():
    from django.conf import settings

    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
