# Fails when a Catch2 test name cannot run under CTest as written (cmake -DROOT=<tests dir> -P this file).
# catch_discover_tests registers each TEST_CASE by name: a ';' splits the name into a CMake list (Catch
# then matches nothing, exits 0, and CTest reports "Passed" for a test that never ran), and a name that
# starts with '-' is read as an option. Commas are escaped by Catch's discovery and are fine.
file(GLOB_RECURSE sources "${ROOT}/*.cpp" "${ROOT}/*.hpp")
set(bad "")
foreach(source IN LISTS sources)
  file(READ "${source}" text)
  string(REGEX MATCHALL "TEST_CASE\\(\"[^\"\n]*\"" names "${text}")
  foreach(name IN LISTS names)
    # MATCHALL returns a list, so a ';' inside a name splits it into items that lack the closing quote.
    if(NOT name MATCHES "^TEST_CASE\\(\".*\"$" OR name MATCHES "^TEST_CASE\\(\"-")
      string(APPEND bad "\n  ${source}: ${name}")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "test names CTest cannot run as written (a ';' or a leading '-'):${bad}")
endif()
