#!/usr/bin/env bash
# Validate RDF data with Apache Jena's SHACL engine (Debian package libapache-jena-java, Jena 4.5).
#
# Usage: scripts/jena-shacl.sh SHAPES.ttl DATA.ttl [DATA2.ttl ...] > report.ttl
#   Every DATA file (Turtle, N-Triples) is merged into one data graph; give the ontology as one of
#   them so that rdfs:subClassOf axioms are seen by sh:targetClass and sh:class (SHACL 1.0, 2.1.3.1).
#   Prints the sh:ValidationReport as Turtle on stdout.  Exit 0 when the report was produced
#   (whatever it says), 3 when Jena or Java is missing, other codes on Jena errors.
#
# Classpath recipe (two pitfalls of the Debian jars, see docs/performance notes section 4):
#  1. "/usr/share/java/*" mixes log4j-over-slf4j and slf4j-log4j12: use an explicit classpath.
#  2. Debian's jena-core relocates Xerces classes to "xerces.*" but leaves their .properties under
#     org/apache/jena/ext/xerces/: copy them once to the relocated path (cache dir below).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 SHAPES.ttl DATA.ttl [DATA2.ttl ...]" >&2
  exit 2
fi
if ! command -v java >/dev/null 2>&1; then
  echo "jena-shacl: java not found: install Debian packages default-jre-headless libapache-jena-java" >&2
  exit 3
fi
if [ ! -f /usr/share/java/jena-shacl.jar ] || [ ! -f /usr/share/java/jena-core.jar ]; then
  echo "jena-shacl: Apache Jena not found in /usr/share/java: install Debian package libapache-jena-java" >&2
  exit 3
fi

CACHE="${HONLEA_KG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/honlea-kg}/jena-fix"
if [ ! -d "$CACHE/classes/xerces" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && unzip -qo /usr/share/java/jena-core.jar 'org/apache/jena/ext/xerces/*')
  mkdir -p "$CACHE/classes"
  rm -rf "$CACHE/classes/xerces.tmp.$$"
  cp -r "$tmp/org/apache/jena/ext/xerces" "$CACHE/classes/xerces.tmp.$$"
  mv -T "$CACHE/classes/xerces.tmp.$$" "$CACHE/classes/xerces" 2>/dev/null || rm -rf "$CACHE/classes/xerces.tmp.$$"
  rm -rf "$tmp"
fi

CP="$CACHE/classes:$(ls /usr/share/java/jena-*.jar | tr '\n' ':')"
for p in libcommons-cli-java libcommons-codec-java libcommons-compress-java libcommons-csv-java \
         libcommons-io-java libcommons-lang3-java libdexx-java libgoogle-gson-java libguava-java \
         libhttpclient-java libhttpcore-java libjackson2-core-java libjackson2-databind-java \
         libjackson2-annotations-java libjsonld-java libjsonp2-java libprotobuf-java libthrift-java \
         libtitanium-json-ld-java libcaffeine-java; do
  for j in $(dpkg -L "$p" 2>/dev/null | grep -E '/usr/share/java/[^/]+\.jar$'); do
    [ -L "$j" ] || CP="$CP$j:"
  done
done
CP="$CP/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-simple.jar"

shapes="$1"; shift
if [ $# -eq 1 ]; then
  exec java -cp "$CP" shacl.shacl_validate --shapes "$shapes" --data "$1"
fi
# shacl_validate reads only its last --data: merge the data files into one N-Triples file first.
merged="$(mktemp --suffix=.nt)"
trap 'rm -f "$merged"' EXIT
java -cp "$CP" riotcmd.riot --output=ntriples "$@" > "$merged"
java -cp "$CP" shacl.shacl_validate --shapes "$shapes" --data "$merged"
