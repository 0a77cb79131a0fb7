/* Turns on glibc's mtrace(3) when loaded, so any program can be traced with LD_PRELOAD. */
#include <mcheck.h>

__attribute__((constructor)) static void mtrace_on(void) { mtrace(); }
