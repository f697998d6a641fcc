// Test scaffolding, not nanoCLR (see README.md): a stack frame the test fills with arguments, the result a native
// method set, and hooks that drive and observe the stand-in's heap and soft reboot.
#ifndef STANDIN_FRAME_H
#define STANDIN_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

struct CLR_RT_StackFrame {
  struct Arg {
    enum Kind { Number, Array, Null } kind;
    double number;         // Number: every numeric argument, as its value
    void *data;            // Array: the managed array's elements
    unsigned int count;    // Array: element count
    unsigned int elementSize;
  };

  std::vector<Arg> args;

  enum ResultKind { kNoResult, kInteger, kReal, kText, kNullText } resultKind = kNoResult;
  double result = 0;
  std::string text;

  CLR_RT_StackFrame &Int(int32_t value) { return Push({Arg::Number, (double)value, nullptr, 0, 0}); }
  CLR_RT_StackFrame &Real(double value) { return Push({Arg::Number, value, nullptr, 0, 0}); }
  CLR_RT_StackFrame &NullArray() { return Push({Arg::Null, 0, nullptr, 0, 0}); }
  template <class T> CLR_RT_StackFrame &Array(std::vector<T> &values) {
    return Push({Arg::Array, 0, values.data(), (unsigned int)values.size(), (unsigned int)sizeof(T)});
  }

 private:
  CLR_RT_StackFrame &Push(Arg arg) {
    args.push_back(arg);
    return *this;
  }
};

// Calls every registered soft reboot handler, as nanoCLR does on a soft reboot.
void standin_soft_reboot();
// Blocks obtained from platform_malloc and not yet freed.
size_t standin_live_allocations();
// The next `count` allocations succeed, then platform_malloc returns NULL until called with a negative count.
void standin_fail_allocation_after(int count);

#endif
