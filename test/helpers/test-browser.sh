#!/bin/sh
# BROWSER for tests: authdeck runs "$BROWSER <url>"; the scripted browser signs in.
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." && exec node --import tsx "$here/test-browser-cli.ts" "$@"
