# Sourced by run.sh, floor.sh and base-classes.sh (from the repository root, with $cp_file a scratch file): compiles the
# validation module and its test classes and writes their class path to $cp_file. One reactor build: validation and
# its sibling trust-store resolve to their target/classes folders, never to this project's jars in ~/.m2, which may
# be stale snapshots; it stops if any does.
timeout 300 mvn -B -q -o test-compile dependency:build-classpath -pl validation -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
if tr ':' '\n' < "$cp_file" | grep -q '/vn/mailgw/'; then
  echo "refusing to run: the classpath holds this project's jars from ~/.m2: $(tr ':' '\n' < "$cp_file" | grep '/vn/mailgw/')" >&2
  exit 1
fi
