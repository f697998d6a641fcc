// The nanoCLR interop glue driven the way nanoCLR drives it: each native method's generated entry point is called
// with a stack frame holding its arguments (the compile-only stand-in's), and its HRESULT and result are checked.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "TinyMl.h"
#include "model_builder.h"
#include "tinyml/anomaly.h"
#include "tinyml/audio.h"
#include "tinyml/vibration.h"
#include "tinyml_glue.h"

namespace {

using Frame = CLR_RT_StackFrame;
using Model = Library_TinyMl_TinyMl_Model;
using Interpreter = Library_TinyMl_TinyMl_Interpreter;
using Audio = Library_TinyMl_TinyMl_AudioFrontend;
using Vibration = Library_TinyMl_TinyMl_VibrationFeatures;
using Anomaly = Library_TinyMl_TinyMl_AnomalyBaseline;

// Two ADD operators: in (scale 0.5) + in -> mid (scale 1) + mid -> out (scale 2), so out's int8 values equal in's.
std::vector<uint8_t> TwoAdds() {
  using namespace tml_test;
  ModelBuilder b;
  const int in = b.Tensor({1, 8}, kInt8, Quant(0.5f, 0), "in");
  const int mid = b.Tensor({1, 8}, kInt8, Quant(1.0f, 0), "mid");
  const int out = b.Tensor({1, 8}, kInt8, Quant(2.0f, 0), "out");
  b.Op(kAdd, {in, in}, {mid}, AddOptions{});
  b.Op(kAdd, {mid, mid}, {out}, AddOptions{});
  return b.Finish();
}

int32_t Result(const Frame &frame) { return (int32_t)frame.result; }

class Glue : public ::testing::Test {
 protected:
  void SetUp() override {
    standin_soft_reboot(); // a clean table whatever ran before
    baseline_ = standin_live_allocations();
  }
  void TearDown() override {
    standin_fail_allocation_after(-1);
    standin_soft_reboot();
    EXPECT_EQ(standin_live_allocations(), baseline_) << "native memory left after a soft reboot";
  }

  // NativeLoad: HRESULT, with the status in *status and the handle in *handle.
  HRESULT Load(std::vector<uint8_t> bytes, int32_t *status, int32_t *handle) {
    std::vector<int32_t> report(10);
    Frame f;
    f.Array(bytes).Array(report);
    HRESULT hr = Model::NativeLoad___STATIC__I4__SZARRAY_U1__SZARRAY_I4(f);
    *status = Result(f);
    *handle = report[0];
    return hr;
  }

  int32_t LoadOk(std::vector<uint8_t> bytes) {
    int32_t status = -1, handle = 0;
    EXPECT_EQ(Load(std::move(bytes), &status, &handle), S_OK);
    EXPECT_EQ(status, TML_OK);
    return handle;
  }

  HRESULT CreateInterpreter(int32_t model, int32_t *handle) {
    std::vector<int32_t> out(1);
    Frame f;
    f.Int(model).Array(out);
    HRESULT hr = Interpreter::NativeCreate___STATIC__I4__I4__SZARRAY_I4(f);
    EXPECT_TRUE(FAILED(hr) || Result(f) == TML_OK);
    *handle = out[0];
    return hr;
  }

  HRESULT Release(HRESULT (*release)(Frame &), int32_t handle) {
    Frame f;
    f.Int(handle);
    return release(f);
  }

  std::string ErrorText(HRESULT (*error_text)(Frame &), int32_t handle) {
    Frame f;
    f.Int(handle);
    EXPECT_EQ(error_text(f), S_OK);
    return f.text;
  }

  HRESULT Step(int32_t interpreter, int32_t *done) {
    std::vector<int32_t> flag(1);
    Frame f;
    f.Int(interpreter).Array(flag);
    HRESULT hr = Interpreter::NativeStep___STATIC__I4__I4__SZARRAY_I4(f);
    EXPECT_EQ(Result(f), TML_OK);
    *done = flag[0];
    return hr;
  }

  HRESULT IoTensors(int32_t model) {
    std::vector<int32_t> tensors(2);
    Frame f;
    f.Int(model).Array(tensors);
    return Model::NativeIoTensors___STATIC__VOID__I4__SZARRAY_I4(f);
  }

  size_t baseline_ = 0;
};

TEST_F(Glue, AssemblyDataNamesTheAssemblyAndItsNativeVersion) {
  EXPECT_STREQ(g_CLR_AssemblyNative_TinyMl.m_szAssemblyName, "TinyMl");
  EXPECT_EQ(g_CLR_AssemblyNative_TinyMl.m_Version.iMajorVersion, 1);
  EXPECT_EQ(g_CLR_AssemblyNative_TinyMl.m_Version.iMinorVersion, 1);
  const CLR_RT_MethodHandler *table = static_cast<const CLR_RT_MethodHandler *>(g_CLR_AssemblyNative_TinyMl.m_pNativeMethods);
  EXPECT_EQ(table[0], nullptr) << "the first method of the type table is managed";
  EXPECT_NE(g_CLR_AssemblyNative_TinyMl.m_checkSum, 0u);
}

TEST_F(Glue, LoadsAModelAndReportsItsShape) {
  std::vector<uint8_t> bytes = TwoAdds();
  std::vector<int32_t> report(10);
  Frame f;
  f.Array(bytes).Array(report);
  ASSERT_EQ(Model::NativeLoad___STATIC__I4__SZARRAY_U1__SZARRAY_I4(f), S_OK);
  ASSERT_EQ(Result(f), TML_OK);
  EXPECT_GT(report[0], 0);
  EXPECT_EQ(report[1], 1);  // inputs
  EXPECT_EQ(report[2], 1);  // outputs
  EXPECT_EQ(report[3], 2);  // operators
  EXPECT_EQ(report[4], 3);  // tensors
  EXPECT_GT(report[5], 0);  // arena bytes
  EXPECT_EQ(report[5], report[6] + report[7]);

  Frame name;
  name.Int(report[0]).Int(1);
  ASSERT_EQ(Model::NativeOperatorName___STATIC__STRING__I4__I4(name), S_OK);
  EXPECT_EQ(name.text, "ADD");
  Frame tensor_name;
  tensor_name.Int(report[0]).Int(2);
  ASSERT_EQ(Model::NativeTensorName___STATIC__STRING__I4__I4(tensor_name), S_OK);
  EXPECT_EQ(tensor_name.text, "out");
}

TEST_F(Glue, ModelBytesAreCopiedSoTheManagedArrayMayChange) {
  std::vector<uint8_t> bytes = TwoAdds();
  int32_t model = LoadOk(bytes);
  std::fill(bytes.begin(), bytes.end(), 0xAA); // the GC may move or reuse the managed array
  int32_t interpreter = 0;
  ASSERT_EQ(CreateInterpreter(model, &interpreter), S_OK);
  int32_t done = 0;
  EXPECT_EQ(Step(interpreter, &done), S_OK);
}

TEST_F(Glue, RunsAnInferenceOneOperatorPerStep) {
  int32_t model = LoadOk(TwoAdds());
  int32_t interpreter = 0;
  ASSERT_EQ(CreateInterpreter(model, &interpreter), S_OK);

  std::vector<int8_t> input = {-100, -50, -1, 0, 1, 2, 50, 100};
  Frame write;
  write.Int(interpreter).Int(0).Array(input);
  ASSERT_EQ(Interpreter::NativeWriteInput___STATIC__I4__I4__I4__SZARRAY_I1(write), S_OK);
  ASSERT_EQ(Result(write), TML_OK);

  int32_t done = -1;
  ASSERT_EQ(Step(interpreter, &done), S_OK);
  EXPECT_EQ(done, 0) << "one of two operators ran";
  ASSERT_EQ(Step(interpreter, &done), S_OK);
  EXPECT_EQ(done, 1);

  std::vector<int8_t> output(8);
  Frame read;
  read.Int(interpreter).Int(0).Array(output);
  ASSERT_EQ(Interpreter::NativeReadOutput___STATIC__I4__I4__I4__SZARRAY_I1(read), S_OK);
  ASSERT_EQ(Result(read), TML_OK);
  EXPECT_EQ(output, input);
}

TEST_F(Glue, WrongTypeOrSizeIsAnArgumentStatusWithItsReason) {
  int32_t model = LoadOk(TwoAdds());
  int32_t interpreter = 0;
  ASSERT_EQ(CreateInterpreter(model, &interpreter), S_OK);

  std::vector<float> floats(8);
  Frame as_float;
  as_float.Int(interpreter).Int(0).Array(floats);
  ASSERT_EQ(Interpreter::NativeWriteInputFloats___STATIC__I4__I4__I4__SZARRAY_R4(as_float), S_OK);
  EXPECT_EQ(Result(as_float), TML_ERROR_ARGUMENT);
  EXPECT_EQ(ErrorText(Interpreter::NativeErrorText___STATIC__STRING__I4, interpreter), "input 0 is INT8, not FLOAT32");

  std::vector<uint8_t> short_bytes(7);
  Frame as_bytes;
  as_bytes.Int(interpreter).Int(0).Array(short_bytes);
  ASSERT_EQ(Interpreter::NativeWriteInputBytes___STATIC__I4__I4__I4__SZARRAY_U1(as_bytes), S_OK);
  EXPECT_EQ(Result(as_bytes), TML_ERROR_ARGUMENT);
  EXPECT_EQ(ErrorText(Interpreter::NativeErrorText___STATIC__STRING__I4, interpreter), "input 0 holds 8 bytes, the array 7");
}

TEST_F(Glue, ABadModelGivesTheEnginesStatusAndReasonAndKeepsNothing) {
  std::vector<uint8_t> garbage(64, 0x5A);
  int32_t status = 0, handle = 0;
  ASSERT_EQ(Load(garbage, &status, &handle), S_OK);
  EXPECT_EQ(status, TML_ERROR_MODEL);
  EXPECT_FALSE(ErrorText(Model::NativeErrorText___STATIC__STRING__I4, 0).empty());
  EXPECT_EQ(standin_live_allocations(), baseline_);
  EXPECT_EQ(tinyml_glue::LiveHandles(), 0);

  std::vector<uint8_t> truncated = TwoAdds();
  truncated.resize(truncated.size() / 2);
  ASSERT_EQ(Load(truncated, &status, &handle), S_OK);
  EXPECT_EQ(status, TML_ERROR_MODEL);
  EXPECT_EQ(standin_live_allocations(), baseline_);
}

TEST_F(Glue, ANullArrayIsANullReference) {
  std::vector<int32_t> report(10);
  Frame f;
  f.NullArray().Array(report);
  EXPECT_EQ(Model::NativeLoad___STATIC__I4__SZARRAY_U1__SZARRAY_I4(f), CLR_E_NULL_REFERENCE);
}

TEST_F(Glue, AStaleHandleIsRefusedEvenAfterItsSlotIsReused) {
  int32_t first = LoadOk(TwoAdds());
  ASSERT_EQ(Release(Model::NativeRelease___STATIC__VOID__I4, first), S_OK);
  EXPECT_EQ(IoTensors(first), CLR_E_INVALID_PARAMETER);
  EXPECT_EQ(Release(Model::NativeRelease___STATIC__VOID__I4, first), CLR_E_INVALID_PARAMETER) << "double release";

  int32_t second = LoadOk(TwoAdds());
  EXPECT_NE(second, first);
  EXPECT_EQ(second & 0xFF, first & 0xFF) << "the slot is reused, with a new generation";
  EXPECT_EQ(IoTensors(first), CLR_E_INVALID_PARAMETER);
  EXPECT_EQ(IoTensors(second), S_OK);
}

TEST_F(Glue, AForgedHandleIsRefused) {
  int32_t model = LoadOk(TwoAdds());
  for (int32_t forged : {0, -1, 1, 255, model + 1, model ^ 0x100, model + (1 << 20), INT32_MIN, INT32_MAX}) {
    EXPECT_EQ(IoTensors(forged), CLR_E_INVALID_PARAMETER) << forged;
  }
  Frame audio;
  audio.Int(model);
  EXPECT_EQ(Audio::NativeReset___STATIC__I4__I4(audio), CLR_E_INVALID_PARAMETER) << "a model handle is no frontend";
  int32_t interpreter = 0;
  EXPECT_EQ(CreateInterpreter(model + 1, &interpreter), CLR_E_INVALID_PARAMETER);
}

TEST_F(Glue, AnIndexOutOfRangeBreaksTheContract) {
  int32_t model = LoadOk(TwoAdds());
  std::vector<int32_t> macs(2);
  Frame f;
  f.Int(model).Int(2).Array(macs);
  EXPECT_EQ(Model::NativeOperatorMacs___STATIC__VOID__I4__I4__SZARRAY_I4(f), CLR_E_INDEX_OUT_OF_RANGE);
}

TEST_F(Glue, ReleasedModelLivesOnUntilItsLastInterpreterGoes) {
  int32_t model = LoadOk(TwoAdds());
  int32_t interpreter = 0;
  ASSERT_EQ(CreateInterpreter(model, &interpreter), S_OK);
  ASSERT_EQ(Release(Model::NativeRelease___STATIC__VOID__I4, model), S_OK);
  EXPECT_EQ(IoTensors(model), CLR_E_INVALID_PARAMETER);

  int32_t done = 0;
  EXPECT_EQ(Step(interpreter, &done), S_OK);
  EXPECT_GT(standin_live_allocations(), baseline_);
  ASSERT_EQ(Release(Interpreter::NativeRelease___STATIC__VOID__I4, interpreter), S_OK);
  EXPECT_EQ(standin_live_allocations(), baseline_);
}

TEST_F(Glue, SoftRebootFreesEveryObjectAndEndsEveryHandle) {
  int32_t model = LoadOk(TwoAdds());
  int32_t released = LoadOk(TwoAdds());
  int32_t interpreter = 0, orphan = 0;
  ASSERT_EQ(CreateInterpreter(model, &interpreter), S_OK);
  ASSERT_EQ(CreateInterpreter(released, &orphan), S_OK);
  ASSERT_EQ(Release(Model::NativeRelease___STATIC__VOID__I4, released), S_OK);
  std::vector<int32_t> handle(1);
  Frame audio;
  audio.Array(handle);
  ASSERT_EQ(Audio::NativeCreate___STATIC__I4__SZARRAY_I4(audio), S_OK);
  EXPECT_GT(standin_live_allocations(), baseline_);

  standin_soft_reboot();

  EXPECT_EQ(standin_live_allocations(), baseline_);
  EXPECT_EQ(tinyml_glue::LiveHandles(), 0);
  EXPECT_EQ(IoTensors(model), CLR_E_INVALID_PARAMETER);
  int32_t done = 0;
  std::vector<int32_t> flag(1);
  Frame step;
  step.Int(interpreter).Array(flag);
  EXPECT_EQ(Interpreter::NativeStep___STATIC__I4__I4__SZARRAY_I4(step), CLR_E_INVALID_PARAMETER);
  (void)done;
}

TEST_F(Glue, ExhaustedHeapIsOutOfMemoryAndLeaksNothing) {
  std::vector<uint8_t> bytes = TwoAdds();
  for (int allowed = 0; allowed < 3; allowed++) {
    standin_fail_allocation_after(allowed);
    int32_t status = 0, handle = 0;
    EXPECT_EQ(Load(bytes, &status, &handle), CLR_E_OUT_OF_MEMORY) << allowed << " allocations allowed";
    standin_fail_allocation_after(-1);
    EXPECT_EQ(standin_live_allocations(), baseline_);
  }
  int32_t model = LoadOk(bytes);
  standin_fail_allocation_after(1);
  int32_t interpreter = 0;
  EXPECT_EQ(CreateInterpreter(model, &interpreter), CLR_E_OUT_OF_MEMORY) << "no room for the arena";
}

TEST_F(Glue, AFullHandleTableIsOutOfMemory) {
  std::vector<int32_t> handle(1);
  for (int i = 0; i < tinyml_glue::kSlots; i++) {
    Frame f;
    f.Array(handle);
    ASSERT_EQ(Audio::NativeCreate___STATIC__I4__SZARRAY_I4(f), S_OK) << i;
  }
  size_t live = standin_live_allocations();
  Frame one_more;
  one_more.Array(handle);
  EXPECT_EQ(Audio::NativeCreate___STATIC__I4__SZARRAY_I4(one_more), CLR_E_OUT_OF_MEMORY);
  EXPECT_EQ(standin_live_allocations(), live);
}

TEST_F(Glue, AudioFrontendTurnsAWindowIntoOneFrame) {
  std::vector<int32_t> handle(1);
  Frame create;
  create.Array(handle);
  ASSERT_EQ(Audio::NativeCreate___STATIC__I4__SZARRAY_I4(create), S_OK);

  std::vector<int16_t> samples(500);
  for (size_t i = 0; i < samples.size(); i++) samples[i] = (int16_t)(3000 * std::sin(0.3 * (double)i));
  std::vector<int8_t> frames(2 * TML_AUDIO_FEATURES);
  std::vector<int32_t> report(2);
  Frame push;
  push.Int(handle[0]).Array(samples).Int(10).Int(490).Array(frames).Array(report);
  ASSERT_EQ(Audio::NativePush___STATIC__I4__I4__SZARRAY_I2__I4__I4__SZARRAY_I1__SZARRAY_I4(push), S_OK);
  EXPECT_EQ(Result(push), TML_OK);
  EXPECT_EQ(report[0], 490);
  EXPECT_EQ(report[1], 1);

  std::vector<int32_t> state(2);
  Frame query;
  query.Int(handle[0]).Array(state);
  ASSERT_EQ(Audio::NativeState___STATIC__VOID__I4__SZARRAY_I4(query), S_OK);
  EXPECT_EQ(state[0], 170);  // the window's last 160 samples (the next window overlaps them) and 10 more
  EXPECT_EQ(state[1], 1);

  Frame past_end;
  past_end.Int(handle[0]).Array(samples).Int(400).Int(101).Array(frames).Array(report);
  EXPECT_EQ(Audio::NativePush___STATIC__I4__I4__SZARRAY_I2__I4__I4__SZARRAY_I1__SZARRAY_I4(past_end),
            CLR_E_INDEX_OUT_OF_RANGE);
}

TEST_F(Glue, VibrationFeaturesComputeAndRefuseABadNormalization) {
  std::vector<float> no_edges;
  std::vector<int32_t> report(2);
  Frame create;
  create.Int(64).Int(1).Real(1000).Real(16).Int(4).Array(no_edges).Array(report);
  ASSERT_EQ(Vibration::NativeCreate___STATIC__I4__I4__I4__R4__R4__I4__SZARRAY_R4__SZARRAY_I4(create), S_OK);
  ASSERT_EQ(Result(create), TML_OK);
  EXPECT_EQ(report[1], 8);

  std::vector<float> edges(5);
  Frame band_edges;
  band_edges.Int(report[0]).Array(edges);
  ASSERT_EQ(Vibration::NativeBandEdges___STATIC__VOID__I4__SZARRAY_R4(band_edges), S_OK);
  EXPECT_FLOAT_EQ(edges[4], 500.0f);

  std::vector<int16_t> window(64);
  for (size_t i = 0; i < window.size(); i++) window[i] = (int16_t)(2000 * std::sin(0.7 * (double)i));
  std::vector<float> features(8);
  std::vector<int8_t> quantized(8);
  Frame compute;
  compute.Int(report[0]).Int(0).Array(window).Array(features).Array(quantized);
  ASSERT_EQ(Vibration::NativeCompute___STATIC__I4__I4__I4__SZARRAY_I2__SZARRAY_R4__SZARRAY_I1(compute), S_OK);
  EXPECT_EQ(Result(compute), TML_OK);
  EXPECT_GT(features[TML_VIB_RMS], 0.0f);

  std::vector<float> offsets(8), scales(8, 1.0f);
  scales[3] = 0.0f;
  Frame normalize;
  normalize.Int(report[0]).Array(offsets).Array(scales).Real(0.1).Int(0);
  ASSERT_EQ(Vibration::NativeSetNormalization___STATIC__I4__I4__SZARRAY_R4__SZARRAY_R4__R4__I4(normalize), S_OK);
  EXPECT_EQ(Result(normalize), TML_ERROR_ARGUMENT);
  EXPECT_FALSE(ErrorText(Vibration::NativeErrorText___STATIC__STRING__I4, report[0]).empty());

  Frame again;
  again.Int(report[0]).Int(0).Array(window).Array(features).Array(quantized);
  ASSERT_EQ(Vibration::NativeCompute___STATIC__I4__I4__I4__SZARRAY_I2__SZARRAY_R4__SZARRAY_I1(again), S_OK);
  EXPECT_EQ(Result(again), TML_OK) << "the refused normalization left the previous config in use";
}

TEST_F(Glue, AnomalyBaselineCalibratesSavesAndRefusesCorruptBytes) {
  std::vector<int32_t> handle(1);
  Frame create;
  create.Int(2).Int(10).Int(0).Real(0).Real(0).Int(0).Array(handle);
  ASSERT_EQ(Anomaly::NativeCreate___STATIC__I4__I4__I4__I4__R4__R4__I4__SZARRAY_I4(create), S_OK);
  ASSERT_EQ(Result(create), TML_OK);

  std::vector<float> score(1);
  std::vector<int32_t> result(3);
  for (int i = 0; i < 10; i++) {
    std::vector<float> features = {1.0f + 0.01f * (float)(i % 3), 2.0f - 0.02f * (float)(i % 4)};
    Frame feed;
    feed.Int(handle[0]).Array(features).Array(score).Array(result);
    ASSERT_EQ(Anomaly::NativeFeed___STATIC__I4__I4__SZARRAY_R4__SZARRAY_R4__SZARRAY_I4(feed), S_OK);
    ASSERT_EQ(Result(feed), TML_OK);
  }
  EXPECT_EQ(result[2], TML_ANOMALY_READY);

  Frame size;
  size.Int(handle[0]);
  ASSERT_EQ(Anomaly::NativeSerializedBytes___STATIC__I4__I4(size), S_OK);
  std::vector<uint8_t> saved((size_t)Result(size));
  Frame save;
  save.Int(handle[0]).Array(saved);
  ASSERT_EQ(Anomaly::NativeSave___STATIC__I4__I4__SZARRAY_U1(save), S_OK);
  EXPECT_EQ(Result(save), TML_OK);

  saved[saved.size() / 2] ^= 0x01;
  Frame restore;
  restore.Int(handle[0]).Array(saved);
  ASSERT_EQ(Anomaly::NativeRestore___STATIC__I4__I4__SZARRAY_U1(restore), S_OK);
  EXPECT_EQ(Result(restore), TML_ERROR_ARGUMENT);
  EXPECT_NE(ErrorText(Anomaly::NativeErrorText___STATIC__STRING__I4, handle[0]).find("CRC"), std::string::npos);
}

TEST_F(Glue, AnInvalidAnomalyConfigIsRefusedWithTheEnginesReason) {
  std::vector<int32_t> handle(1);
  Frame create;
  create.Int(0).Int(10).Int(0).Real(0).Real(0).Int(0).Array(handle);
  ASSERT_EQ(Anomaly::NativeCreate___STATIC__I4__I4__I4__I4__R4__R4__I4__SZARRAY_I4(create), S_OK);
  EXPECT_EQ(Result(create), TML_ERROR_ARGUMENT);
  EXPECT_FALSE(ErrorText(Anomaly::NativeErrorText___STATIC__STRING__I4, 0).empty());
  EXPECT_EQ(standin_live_allocations(), baseline_);
}

}  // namespace
