# cc_module(NAME <name> SRCS <files...> [TESTS <files...>] [DEPS <targets...>] [PRIVATE_DEPS <targets...>])
# Creates the static library crosscheck::<name> from src/crosscheck/<name>/ and, when TESTS
# are given, the GoogleTest binary crosscheck_<name>_tests registered with ctest (label "fast").
function(cc_module)
  cmake_parse_arguments(CC "" "NAME" "SRCS;TESTS;DEPS;PRIVATE_DEPS" ${ARGN})
  set(lib crosscheck_${CC_NAME})
  if(NOT CC_SRCS)
    # A module still without sources: an interface target keeps dependents configurable.
    add_library(${lib} INTERFACE)
    add_library(crosscheck::${CC_NAME} ALIAS ${lib})
    target_include_directories(${lib} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${lib} INTERFACE ${CC_DEPS})
    return()
  endif()
  add_library(${lib} STATIC ${CC_SRCS})
  add_library(crosscheck::${CC_NAME} ALIAS ${lib})
  target_include_directories(${lib} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${lib} PUBLIC ${CC_DEPS} PRIVATE ${CC_PRIVATE_DEPS})
  target_compile_definitions(${lib} PRIVATE
    CROSSCHECK_SOURCE_DIR="${CROSSCHECK_SOURCE_DIR}"
    CROSSCHECK_SHARED_DIR="${CROSSCHECK_SHARED_DIR}")
  if(CC_TESTS)
    set(test_bin crosscheck_${CC_NAME}_tests)
    add_executable(${test_bin} ${CC_TESTS})
    target_link_libraries(${test_bin} PRIVATE ${lib} ${CC_PRIVATE_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
    target_compile_definitions(${test_bin} PRIVATE
      CROSSCHECK_SOURCE_DIR="${CROSSCHECK_SOURCE_DIR}"
      CROSSCHECK_SHARED_DIR="${CROSSCHECK_SHARED_DIR}")
    gtest_discover_tests(${test_bin} PROPERTIES LABELS "fast" DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
