/* Test-only, never shipped: Rust's standard library on Windows imports ProcessPrng from
 * bcryptprimitives.dll (Windows 10 and later); Wine 8 lacks it. This DLL, placed beside a test
 * executable run under Wine, provides it through RtlGenRandom (SystemFunction036 of advapi32). */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
