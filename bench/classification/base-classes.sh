# Sourced by ab.sh and ab-cpu.sh (from the repository root, with $work a scratch folder and $base a commit): compiles
# the validation module's test classes and writes its class path to $work/cp (never this project's jars from ~/.m2,
# which may be stale), then compiles the base commit's `classify` package against this tree into $work/classes.
cp_file="$work/cp"
source bench/classification/classpath.sh
mkdir -p "$work/src" "$work/classes"
git archive "$base" validation/src/main/java/vn/mailgw/validation/classify | tar -x -C "$work/src"
timeout 120 javac -nowarn -encoding UTF-8 -d "$work/classes" \
  -cp "validation/target/test-classes:validation/target/classes:$(cat "$work/cp")" \
  "$work"/src/validation/src/main/java/vn/mailgw/validation/classify/*.java
