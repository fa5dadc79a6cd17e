# Compiler options shared by every FinSim target.
#
# Determinism: the simulation must produce the same bytes natively (GCC, x86-64) and in WASM (Clang).
# Both follow IEEE 754 for + - * / and sqrt; we forbid contraction into fused multiply-adds, which would
# round differently on machines that have them, and never enable fast-math.
add_library(finsim_options INTERFACE)
target_compile_options(finsim_options INTERFACE
  -Wall -Wextra -Wpedantic
  -ffp-contract=off
  -fno-fast-math)
if(FINSIM_SANITIZE)
  target_compile_options(finsim_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(finsim_options INTERFACE -fsanitize=address,undefined)
endif()
if(FINSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "FINSIM_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  target_compile_options(finsim_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
