# The sweep tests that need more than one process, included from tests/CMakeLists.txt.
# A sweep under `mpirun -np 2` equals one process, bitwise. Skipped (exit 77) when the build has no
# MPI. OpenMPI's own allocations show up as leaks under ASan, so leak checking is off for this test.
add_test(NAME "sweep mpi: mpirun -np 2 gives the same points table as 1 process"
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/mpi_sweep.sh $<TARGET_FILE:attachsim> ${CMAKE_SOURCE_DIR}
                 $<$<NOT:$<BOOL:${MPI_C_FOUND}>>:--no-mpi>)
set_tests_properties("sweep mpi: mpirun -np 2 gives the same points table as 1 process" PROPERTIES
  SKIP_RETURN_CODE 77 TIMEOUT 120 ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0")
# A real single-node SLURM (munged, slurmctld and slurmd started by the script on private ports, stopped
# afterwards) runs scripts/slurm/sweep_array.sbatch as a 4-task array; the merged shards equal a local
# sweep, bitwise. Skipped (exit 77) only where slurm-wlm or munge is not installed. RUN_SERIAL: the
# daemons and the array want the machine's CPUs.
add_test(NAME "sweep slurm: a 4-task job array on a real SLURM, merged, gives the local points table"
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/slurm_sweep.sh $<TARGET_FILE:attachsim> ${CMAKE_SOURCE_DIR})
set_tests_properties("sweep slurm: a 4-task job array on a real SLURM, merged, gives the local points table" PROPERTIES
  SKIP_RETURN_CODE 77 TIMEOUT 300 RUN_SERIAL TRUE)
