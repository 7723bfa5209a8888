#include <pqxx/pqxx>
