#!/usr/bin/env bash
# Writes platform/secrets/*.env with fresh random values (kustomize's secretGenerator turns each into a
# Secret). These files are git-ignored: nothing secret is in the repository, and `kubectl apply -k`
# fails until they exist. Existing files are kept (re-running does not rotate anything).
# With sealed-secrets / external-secrets, create Secrets of the same names and keys instead and drop
# the secretGenerator entries from kustomization.yaml (deploy/README.md lists them).
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"
random() { openssl rand -base64 36 | tr -d '/+=\n' | cut -c1-40; }
write() { # file, then key=value lines
  local file="$dir/$1"; shift
  if [[ -e "$file" ]]; then echo "kept    $file"; return; fi
  (umask 077; printf '%s\n' "$@" > "$file")
  echo "wrote   $file"
}
for service in stocktaking prizes forum indicators; do
  write "db-$service.env" "username=$service" "password=$(random)"
done
write db-keycloak.env "username=keycloak" "password=$(random)"
for agency in itu unesco undesa unctad; do
  write "agency-$agency-client.env" "secret=$(random)"
done
write forum-badge.env "secret=$(random)$(random)"
