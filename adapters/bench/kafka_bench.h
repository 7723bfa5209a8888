// `eduledger bench --log=kafka`: the Kafka command path measured next to a baseline taken on the
// same cluster in the same run (absolute figures swing with the machine and the broker; the ratio
// to a same-run baseline does not).
//
// It runs serve's System on Kafka (processors and personal data sealing included; projectors,
// reactors and scheduler off), so --db is required (person keys, the projector's tables).
//
//   command path   N concurrent clients book, pay and complete sessions through KafkaCommandClient
//                  (commands topic -> partition owner -> one transaction -> command-results):
//                  commands/s, events/s, p50/p99 latency
//   baseline       the very same event payloads produced raw with librdkafka, transactionally, one
//                  producer per partition, as many events per transaction as the processors
//                  averaged (and 1000 per transaction as the ceiling): events/s, and the ratio
//   readers        a fresh KafkaEventLog reading the log from offset zero: events/s
//   projector      the mentorship projection catching up from offset zero on that log into
//                  PostgreSQL, through the personal data layer: events/s
//
// Without a broker (no --kafka-bootstrap-servers / EDULEDGER_KAFKA_BOOTSTRAP_SERVERS) it runs
// librdkafka's mock cluster in this process and says so.
#pragma once

namespace edu {

// argv[1] is the subcommand ("bench"); options start at argv[2]. Returns the exit code.
int RunKafkaBench(int argc, char** argv);

}  // namespace edu
