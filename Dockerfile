# n8n with this package installed, on the official n8n image.
#
#   npm run build && npm pack          # → n8n-nodes-client-credentials-<version>.tgz here
#   docker build -t n8n-client-credentials .
#   docker run -it --rm -p 5678:5678 -v n8n_data:/home/node/.n8n n8n-client-credentials
#
# Match N8N_VERSION to the n8n you run (the package is tested on 1.123.81 and 2.41.1):
#   docker build --build-arg N8N_VERSION=1.123.81 -t n8n-client-credentials .
#
# The package goes where n8n installs community packages, ~/.n8n/nodes. A volume mounted on
# /home/node/.n8n that already holds a nodes/ folder hides the image's: install the tarball there
# instead (README → Install), or mount the volume on a fresh name.
#
# Never built here: the development machine and CI have no Docker engine. The RUN step is the
# manual install from the tarball (README → Install), which was tried against n8n outside Docker.
ARG N8N_VERSION=2.41.1
FROM docker.n8n.io/n8nio/n8n:${N8N_VERSION}

USER node
COPY --chown=node:node n8n-nodes-client-credentials-*.tgz /tmp/
RUN mkdir -p /home/node/.n8n/nodes \
	&& cd /home/node/.n8n/nodes \
	&& npm install --omit=peer --no-audit --no-fund /tmp/n8n-nodes-client-credentials-*.tgz \
	&& rm /tmp/n8n-nodes-client-credentials-*.tgz
