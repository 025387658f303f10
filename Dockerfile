# syntax=docker/dockerfile:1
# One image for every Kyodo component; the command picks the process:
#   python -m deploy.service_main {registry|matching|notifications|reports}
#   python -m gateway.main
#   python -m deploy.cli migrate        (migrations + broker topology, run once before the rest)
#
# Python 3.11 on purpose: nameko 2.14.1 / eventlet are only proven on 3.11 here (DESIGN.md).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: install the project and its dependencies into a virtualenv --------------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/kyodo
WORKDIR /src
COPY . .
# Every dependency ships a manylinux wheel or is pure Python: no compiler needed.
# setuptools<82 is pinned in pyproject.toml (nameko's command imports pkg_resources).
RUN /opt/kyodo/bin/pip install --upgrade pip "setuptools<82" wheel \
 && /opt/kyodo/bin/pip install .

# --- runtime: the virtualenv, a non-root user, nothing else -----------------------------
FROM ${PYTHON_IMAGE}
ENV PATH=/opt/kyodo/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KYODO_DATA_DIR=/data \
    KYODO_HTTP_ADDRESS=0.0.0.0:8000
RUN groupadd --system --gid 10001 kyodo \
 && useradd --system --uid 10001 --gid 10001 --home-dir /home/kyodo --create-home \
      --shell /usr/sbin/nologin kyodo \
 && mkdir -p /data \
 && chown 10001:10001 /data
# IPAmj Mincho draws what the bundled IPAex Gothic lacks (𠮷 in 𠮷野) in PDFs and chart labels
# (services/common/japanese_font.py); without it those characters print as 〓.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-ipamj-mincho \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/kyodo /opt/kyodo
# The working directory holds no source: imports resolve to the installed package only.
WORKDIR /home/kyodo
USER 10001:10001
# gateway (API and health); registry, matching, notifications, reports (health only)
EXPOSE 8000 8101 8102 8103 8104
# Probes the port this process listens on (KYODO_HTTP_ADDRESS); compose and Kubernetes
# declare their own checks too. No curl in the slim image: Python does it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os,urllib.request; port=os.environ.get('KYODO_HTTP_ADDRESS','0.0.0.0:8000').rsplit(':',1)[1]; urllib.request.urlopen('http://127.0.0.1:'+port+'/health/ready', timeout=3)"]
CMD ["python", "-m", "gateway.main"]
