# rv32imc, the ESP32-C3 class (riscv64-unknown-elf-gcc + picolibc, rv32im multilib). Executables run under
# qemu-system-riscv32 -M virt -bios none with semihosting.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR rv32imc)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(TML_ARCH_FLAGS "-march=rv32imc -mabi=ilp32 --specs=picolibc.specs")
set(CMAKE_C_FLAGS_INIT "${TML_ARCH_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_EXE_LINKER_FLAGS_INIT "--oslib=semihost --crt0=semihost -Wl,--gc-sections \
-Wl,--defsym=__flash=0x80000000 -Wl,--defsym=__flash_size=0x200000 -Wl,--defsym=__ram=0x80200000 -Wl,--defsym=__ram_size=0x1000000")
set(TML_QEMU qemu-system-riscv32 -M virt -bios none -nographic)
