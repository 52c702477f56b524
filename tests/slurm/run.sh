#!/bin/bash
# pnpm test:slurm — the scale-out recipe on a real scheduler (docs/scale-out.md, "Slurm: a job array").
#
# Starts a one-node Slurm cluster on this machine (munged, slurmctld and slurmd from Debian's
# slurm-wlm, run as root, all state in a temporary folder), submits the job array script taken
# verbatim from docs/scale-out.md (3 shards of an --uncertain batch of the flagship), merges the
# partials, and checks that the merge equals the unsharded batch byte for byte. Then stops the
# daemons. Needs root and slurm-wlm (apt-get install slurm-wlm); says so and exits 2 without them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-6000}
SHARDS=${SHARDS:-3}
WORK=$(mktemp -d /tmp/parley-slurm.XXXXXX)
HOST=$(hostname -s)

need() { command -v "$1" >/dev/null || { echo "test:slurm: $1 is missing (apt-get install slurm-wlm)" >&2; exit 2; }; }
need munged; need slurmctld; need slurmd; need sbatch
[ "$(id -u)" = 0 ] || { echo "test:slurm: run as root (it starts munged, slurmctld and slurmd)" >&2; exit 2; }

cleanup() {
  scontrol shutdown >/dev/null 2>&1 || true
  [ -f "$WORK/munged.pid" ] && kill "$(cat "$WORK/munged.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# munge: a key of our own, its socket and state in WORK.
mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool" "$WORK/job/results" "$WORK/job/logs"
chmod 700 "$WORK/munge"
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$WORK/munge/munge.key"
munged --key-file="$WORK/munge/munge.key" --socket="$WORK/munge/socket" --pid-file="$WORK/munged.pid" \
  --log-file="$WORK/munge/munged.log" --seed-file="$WORK/munge/seed" --force

cat >"$WORK/slurm.conf" <<EOF
ClusterName=parley-test
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$WORK/munge/socket
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$HOST CPUs=$(nproc) RealMemory=4096 State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$WORK/slurm.conf
slurmctld -i
slurmd

# The node is up when sinfo says idle (bounded: a daemon that did not start fails the test with its log).
for _ in $(seq 1 60); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %t | grep -q idle || { echo "test:slurm: the node never came up" >&2; tail -20 "$WORK/slurmctld.log" "$WORK/slurmd.log" >&2; exit 1; }

# The job script, exactly as docs/scale-out.md gives it.
awk '/^## Slurm: a job array/{f=1} f&&/^```bash/{g=1;next} g&&/^```/{exit} g' "$ROOT/docs/scale-out.md" >"$WORK/parley.sbatch"
grep -q 'parley batch' "$WORK/parley.sbatch" || { echo "test:slurm: no job script found in docs/scale-out.md" >&2; exit 1; }
# The job runs in a copy of the repository's scenarios, from the submit folder, as the docs say.
cp -r "$ROOT/scenarios" "$WORK/job/"
cd "$WORK/job"
ln -s "$ROOT/node_modules" node_modules
ln -s "$ROOT/packages" packages
cp "$ROOT/package.json" "$ROOT/pnpm-workspace.yaml" "$ROOT/tsconfig.base.json" .
[ -f "$ROOT/pnpm-lock.yaml" ] && cp "$ROOT/pnpm-lock.yaml" .

echo "test:slurm: submitting $SHARDS shards of $RUNS runs"
sbatch --wait --array="1-$SHARDS" --cpus-per-task=1 --export="ALL,RUNS=$RUNS" "$WORK/parley.sbatch"

npx -y pnpm@10 -s parley merge results/part-*.json --out merged >/dev/null 2>&1
npx -y pnpm@10 -s parley batch scenarios/kuril/2016-nagato.yaml --uncertain --runs "$RUNS" --seed 1 --out whole >/dev/null 2>&1
if cmp -s merged/summary.json whole/summary.json; then
  echo "test:slurm: ok: the merge of $SHARDS Slurm shards equals the unsharded --uncertain batch byte for byte"
else
  echo "test:slurm: the merged summary differs from the unsharded one" >&2
  diff merged/summary.json whole/summary.json | head -20 >&2
  exit 1
fi
