# WebCammerPlus server image (used by docker-compose.yml).
FROM node:20-slim AS dashboard
WORKDIR /dashboard
COPY dashboard/package.json dashboard/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY dashboard/ ./
RUN npm run build

FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HOST=0.0.0.0 PORT=5000 VAR_DIR=/app/var
COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt
COPY server ./server
COPY alembic.ini .
COPY --from=dashboard /dashboard/dist ./dashboard/dist
RUN useradd --create-home webcammer && mkdir -p /app/var && chown webcammer /app/var
USER webcammer
EXPOSE 5000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:5000/api/v1/health').status == 200 else 1)"
CMD ["python", "-m", "server"]
