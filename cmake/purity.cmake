# Domain purity, enforced by the compiler: domain/ sources are compiled with an include directory of
# "poison" headers that shadow every header of the I/O libraries (libpqxx, RapidJSON, librdkafka,
# OpenSSL, Boost.Asio, Boost.Beast). Including any of them from domain/ fails with a clear #error.
set(EDU_PURITY_DIR ${CMAKE_BINARY_DIR}/domain_purity)
set(EDU_POISONED_ROOTS pqxx rapidjson librdkafka openssl boost/asio boost/beast)
foreach(root ${EDU_POISONED_ROOTS})
  file(GLOB_RECURSE headers RELATIVE /usr/include /usr/include/${root}/*)
  if(EXISTS /usr/include/${root}.hpp)
    list(APPEND headers ${root}.hpp)
  endif()
  foreach(h ${headers})
    set(poison ${EDU_PURITY_DIR}/${h})
    if(NOT EXISTS ${poison})
      file(WRITE ${poison}
        "#error \"domain/ is pure: no I/O library may be included here (${h}). Put I/O in eventstore/, projections/ or adapters/.\"\n")
    endif()
  endforeach()
endforeach()
