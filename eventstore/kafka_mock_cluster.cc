#include "eventstore/kafka_mock_cluster.h"

namespace edu {

Status KafkaMockCluster::Start(int brokers, std::unique_ptr<KafkaMockCluster>* out) {
  if (brokers < 1) return Status::InvalidArgument("a mock cluster needs at least one broker");
  std::unique_ptr<KafkaMockCluster> cluster(new KafkaMockCluster());
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  // The host handle has no bootstrap servers of its own; silence the warning saying so.
  rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Status::Internal(std::string("kafka mock cluster: ") + error);
  }
  cluster->host_.reset(rk);
  cluster->cluster_ = rd_kafka_mock_cluster_new(rk, brokers);
  if (cluster->cluster_ == nullptr) return Status::Internal("kafka mock cluster: could not start");
  cluster->bootstrap_ = rd_kafka_mock_cluster_bootstraps(cluster->cluster_);
  cluster->brokers_ = brokers;
  *out = std::move(cluster);
  return Status::OK();
}

KafkaMockCluster::~KafkaMockCluster() {
  if (cluster_) rd_kafka_mock_cluster_destroy(cluster_);
}

Status KafkaMockCluster::CreateTopics(const KafkaSettings& settings) {
  for (const std::string& topic :
       {settings.CommandsTopic(), settings.EventsTopic(), settings.ResultsTopic()}) {
    EDU_RETURN_IF_ERROR(
        KafkaStatus(rd_kafka_mock_topic_create(cluster_, topic.c_str(), settings.partitions,
                                               std::min(brokers_, 3)),
                    "kafka mock cluster: creating " + topic));
  }
  return Status::OK();
}

Status KafkaMockCluster::SetBrokerDown(int broker_id) {
  return KafkaStatus(rd_kafka_mock_broker_set_down(cluster_, broker_id),
                     "kafka mock cluster: broker " + std::to_string(broker_id) + " down");
}

Status KafkaMockCluster::SetBrokerUp(int broker_id) {
  return KafkaStatus(rd_kafka_mock_broker_set_up(cluster_, broker_id),
                     "kafka mock cluster: broker " + std::to_string(broker_id) + " up");
}

void KafkaMockCluster::PushRequestErrors(int16_t api_key,
                                         const std::vector<rd_kafka_resp_err_t>& errors) {
  rd_kafka_mock_push_request_errors_array(cluster_, api_key, errors.size(), errors.data());
}

}  // namespace edu
