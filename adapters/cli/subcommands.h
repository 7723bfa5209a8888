// Each eduledger subcommand is one function in its own file (adapters/<name>.cc; the demo and the
// benches in adapters/demo/ and adapters/bench/, linked only into the binary). argv[1] is the
// subcommand name; options start at argv[2]. They return the process exit code.
#pragma once

namespace edu {

int RunServe(int argc, char** argv);      // serve.cc: HTTP command API + embedded projectors
int RunDemo(int argc, char** argv);       // demo/demo.cc: the demo scenarios through the system
int RunBench(int argc, char** argv);      // bench/bench.cc: throughput and latency figures
int RunToken(int argc, char** argv);      // token.cc: mint a development bearer token
int RunStatus(int argc, char** argv);     // status.cc: log ends, projection checkpoints and lag
int RunReplay(int argc, char** argv);     // replay.cc: JSON lines for analytics, resumable
int RunRebuild(int argc, char** argv);    // rebuild.cc: a projection from offset zero, swapped in
int RunAudit(int argc, char** argv);      // audit.cc: a stream's history; hash chain verification
int RunDocs(int argc, char** argv);       // docs.cc: docs/machines.md from the machines' tables
int RunDevBroker(int argc, char** argv);  // dev_broker.cc: in-memory Kafka mock cluster
int RunProjectionTool(int argc, char** argv);  // skip.cc: record a skip decision for a projection
int RunReactionTool(int argc, char** argv);    // skip.cc: record a skip decision for a reaction
int RunSchedule(int argc, char** argv);  // schedule.cc: the deadlines, what is due and what fired
int RunCertificate(int argc, char** argv);  // certificate.cc: verify a UHS certificate by serial

}  // namespace edu
