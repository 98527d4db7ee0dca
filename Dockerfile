# The Werkplekportaal application image: gunicorn serving portal.wsgi (production settings).
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/app/staticfiles

# WeasyPrint (guide PDFs) needs pango; libpq is provided by psycopg's binary wheel.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY portal ./portal
COPY guides ./guides
COPY partners ./partners
COPY search ./search
COPY templates ./templates
COPY locale ./locale
COPY manage.py ./
RUN pip install --no-cache-dir '.[s3,opensearch]'

# Static files are collected at build time (hashed and compressed for WhiteNoise).
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

RUN useradd --system --home /app portal && chown -R portal /app
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi", "--no-control-socket", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
