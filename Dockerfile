# harmreduce behind any load balancer: stateless gunicorn, configuration from the environment.
#   docker build -t harmreduce .
#   docker run -p 8000:8000 -e HARMREDUCE_PUBLIC_BASE_URL=https://example.org \
#              -e HARMREDUCE_TRUSTED_PROXIES=1 -e HARMREDUCE_HSTS=true harmreduce
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HARMREDUCE_BIND=0.0.0.0:8000

WORKDIR /app
COPY pyproject.toml README.md babel.cfg gunicorn.conf.py ./
COPY requirements/site.txt ./requirements/
COPY harmreduce ./harmreduce
COPY data ./data
COPY templates ./templates
COPY static ./static
COPY translations ./translations

# The locked versions and hashes, as ./run serve installs them; then the project without dependencies.
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/site.txt \
 && pip install --no-cache-dir --no-deps --no-build-isolation -e . \
 && pybabel -q compile -d translations \
 && useradd --system --no-create-home harmreduce

USER harmreduce
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "harmreduce:create_app()"]
