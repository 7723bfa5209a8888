// eduledger dev-broker: librdkafka's mock cluster as a local process, with the Kafka backend's
// topics created, for development and tests. In-memory and not durable.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "adapters/cli/subcommands.h"
#include "adapters/config/args.h"
#include "eventstore/kafka_mock_cluster.h"

namespace edu {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

}  // namespace

int RunDevBroker(int argc, char** argv) {
  const std::vector<OptionSpec> specs = {
      {"partitions", true, "partitions of each topic (the log's partition count)", "8"},
      {"topic-prefix", true, "topics <prefix>.commands, <prefix>.events, <prefix>.command-results",
       "eduledger"},
      {"brokers", true, "mock brokers in the cluster", "1"},
      {"bootstrap-file", true, "also write the bootstrap address to this file (for scripts)", ""},
      {"help", false, "show this help", ""},
  };
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, specs, &error)) {
    std::fprintf(stderr, "eduledger dev-broker: %s (see eduledger dev-broker --help)\n",
                 error.c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf(
        "usage: eduledger dev-broker [options]\n\n"
        "Runs librdkafka's mock Kafka cluster in this process and prints its bootstrap address.\n"
        "IN-MEMORY AND NOT DURABLE: everything is lost when it stops, and it keeps only about the\n"
        "latest 5 MiB per partition. For development and tests; it speaks the real protocol but\n"
        "does not enforce transactions (see docs/kafka.md).\n\n%s",
        Args::Usage(specs).c_str());
    return 0;
  }
  auto partitions = args.GetInt("partitions", &error);
  auto brokers = partitions ? args.GetInt("brokers", &error) : std::nullopt;
  if (!partitions || !brokers || *partitions < 1 || *brokers < 1) {
    std::fprintf(stderr, "eduledger dev-broker: %s\n",
                 error.empty() ? "--partitions and --brokers must be at least 1" : error.c_str());
    return 2;
  }
  KafkaSettings settings;
  settings.topic_prefix = args.Get("topic-prefix");
  settings.partitions = static_cast<int>(*partitions);
  std::unique_ptr<KafkaMockCluster> cluster;
  Status st = KafkaMockCluster::Start(static_cast<int>(*brokers), &cluster);
  if (st.ok()) st = cluster->CreateTopics(settings);
  if (!st.ok()) {
    std::fprintf(stderr, "eduledger dev-broker: %s\n", st.ToString().c_str());
    return 1;
  }
  const std::string& bootstrap = cluster->bootstrap_servers();
  if (!args.Get("bootstrap-file").empty()) {
    std::ofstream(args.Get("bootstrap-file")) << bootstrap << "\n";
  }
  std::printf(
      "eduledger dev-broker: librdkafka mock cluster, IN-MEMORY and NOT DURABLE (keeps only the\n"
      "latest ~5 MiB per partition; for development and tests only)\n"
      "bootstrap servers: %s\n"
      "topics: %s, %s, %s (%d partitions each)\n"
      "use it: EDULEDGER_LOG_BACKEND=kafka EDULEDGER_KAFKA_BOOTSTRAP_SERVERS=%s "
      "EDULEDGER_KAFKA_TOPIC_PREFIX=%s eduledger serve\n"
      "        kcat -C -b %s -t %s -f '%%k %%h %%s\\n'\n"
      "Ctrl-C stops it (and loses everything).\n",
      bootstrap.c_str(), settings.CommandsTopic().c_str(), settings.EventsTopic().c_str(),
      settings.ResultsTopic().c_str(), settings.partitions, bootstrap.c_str(),
      settings.topic_prefix.c_str(), bootstrap.c_str(), settings.EventsTopic().c_str());
  std::fflush(stdout);
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::printf("eduledger dev-broker: stopped\n");
  return 0;
}

}  // namespace edu
