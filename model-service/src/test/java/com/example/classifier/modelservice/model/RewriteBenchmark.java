package com.example.classifier.modelservice.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.example.classifier.common.test.Fixtures;
import com.example.classifier.modelservice.image.ModelInput;
import com.example.classifier.modelservice.image.PreparedImage;
import com.example.classifier.modelservice.image.Preprocessing;
import com.example.classifier.modelservice.image.Resize;
import com.example.classifier.modelservice.image.TensorLayout;
import com.example.classifier.modelservice.model.rewrite.InferenceRewrite;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The graph rewrites measured against the network as loaded, in one JVM and at one thread setting: every round runs
 * each variant in turn for a few seconds, so other work on a shared machine slows all variants alike, and the best
 * round of each is reported with its ratio to the first variant. Variants: ResNet50 (the benchmark's torchvision
 * graph, {@link ResNet50Graph}) as built and rewritten, both layouts, inference workspaces on and off; the shipped
 * MobileNetV2 as loaded and rewritten. Started by {@link EngineBenchmark} ({@code rewrites}); prints
 * {@code @@REWRITE} lines.
 * <p>
 * Arguments: {@code intra=N seconds=S rounds=N batches=1,8 peak=<GFLOP/s for N threads>
 * perCore=<one core's GFLOP per CPU second>}.
 */
public final class RewriteBenchmark {

	private RewriteBenchmark() {
	}

	private record Variant(String model, String name, Dl4jImageClassifier classifier, double gflop) {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		int intra = Integer.parseInt(options.getOrDefault("intra", "2"));
		double seconds = Double.parseDouble(options.getOrDefault("seconds", "3"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "4"));
		double peak = Double.parseDouble(options.getOrDefault("peak", "0"));
		double perCore = Double.parseDouble(options.getOrDefault("perCore", "0"));
		int[] batches = java.util.Arrays.stream(options.getOrDefault("batches", "1,8").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		Dl4jRuntime.configure(Dl4jNatives.ONEDNN, intra, null);
		for (String model : List.of("ResNet50", "MobileNetV2")) {
			List<Variant> variants = variants(model, intra);
			for (int batch : batches) {
				measure(variants, batch, intra, seconds, rounds, peak, perCore);
			}
			variants.forEach((variant) -> variant.classifier().close());
		}
	}

	private static List<Variant> variants(String model, int intra) throws Exception {
		List<Variant> variants = new ArrayList<>();
		if (model.equals("ResNet50")) {
			for (CNN2DFormat format : List.of(CNN2DFormat.NHWC, CNN2DFormat.NCHW)) {
				ComputationGraph graph = ResNet50Graph.build(format, 42);
				double gflop = ResNet50Graph.gflopPerImage(graph.getConfiguration(),
						org.deeplearning4j.nn.conf.inputs.InputType.convolutional(224, 224, 3, format));
				ModelInput input = new ModelInput(224, 224, 3, TensorLayout.valueOf(format.name()));
				Model rewritten = InferenceRewrite.apply(graph.clone(), imageShape(input));
				variants.add(variant(model, "as built, " + format, graph, input, gflop, intra));
				variants.add(variant(model, "rewritten, " + format, rewritten, input, gflop, intra));
				if (format == CNN2DFormat.NHWC && intra > 1) {
					// The same threads spent otherwise: each call's images spread over one single-threaded replica per
					// thread (BatchSplit), in this JVM so that it alternates with the variants above.
					LoadedModel split = new LoadedModel(((ComputationGraph) rewritten).clone(), input, model,
							Preprocessing.CAFFE, "benchmark");
					variants.add(new Variant(model, "rewritten, " + format + ", batch split over " + intra
							+ " single-threaded replicas", new Dl4jImageClassifier(split, Preprocessing.CAFFE,
									Resize.CROP, Labels.imagenet(), 5, intra, 1, true), gflop));
				}
				if (format == CNN2DFormat.NHWC) {
					ComputationGraph noWorkspaces = ((ComputationGraph) rewritten).clone();
					noWorkspaces.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.NONE);
					variants.add(variant(model, "rewritten, " + format + ", workspaces off", noWorkspaces, input,
							gflop, intra));
				}
			}
		}
		else {
			KerasImporter.Imported keras = KerasImporter.load(Fixtures.model(Fixtures.MOBILENETV2_H5));
			Model loaded = keras.network();
			Model rewritten = InferenceRewrite.apply(((ComputationGraph) loaded).clone(), imageShape(keras.input()));
			// 300 MFLOP per 224x224 image (multiply-adds x 2 of its convolutions and classifier, as usually quoted).
			double gflop = 0.60;
			variants.add(variant(model, "as loaded", loaded, keras.input(), gflop, intra));
			variants.add(variant(model, "rewritten", rewritten, keras.input(), gflop, intra));
			if (intra > 1) {
				LoadedModel split = new LoadedModel(((ComputationGraph) rewritten).clone(), keras.input(), model,
						Preprocessing.CAFFE, "benchmark");
				variants.add(new Variant(model, "rewritten, batch split over " + intra + " single-threaded replicas",
						new Dl4jImageClassifier(split, Preprocessing.CAFFE, Resize.CROP, Labels.imagenet(), 5, intra, 1,
								true), gflop));
			}
			ComputationGraph noWorkspaces = ((ComputationGraph) rewritten).clone();
			noWorkspaces.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.NONE);
			variants.add(variant(model, "rewritten, workspaces off", noWorkspaces, keras.input(), gflop, intra));
		}
		return variants;
	}

	private static Variant variant(String model, String name, Model network, ModelInput input, double gflop,
			int intra) {
		LoadedModel loaded = new LoadedModel(network, input, model, Preprocessing.CAFFE, "benchmark");
		return new Variant(model, name, new Dl4jImageClassifier(loaded, Preprocessing.CAFFE, Labels.imagenet(), 5, 1,
				intra), gflop);
	}

	private static long[] imageShape(ModelInput input) {
		return java.util.Arrays.copyOfRange(input.batchShape(1), 1, 4);
	}

	private static void measure(List<Variant> variants, int batch, int intra, double seconds, int rounds,
			double peak, double perCore) {
		List<PreparedImage> images = BenchmarkWorker.randomImages(batch, variants.get(0).classifier().input().valuesPerImage());
		double[] best = new double[variants.size()];
		double[] cpuPercent = new double[variants.size()];
		for (Variant variant : variants) {
			variant.classifier().classify(images);
		}
		for (int round = 0; round < rounds; round++) {
			for (int v = 0; v < variants.size(); v++) {
				// Rotate the starting variant so that none always runs first in a round.
				int index = (v + round) % variants.size();
				Variant variant = variants.get(index);
				long cpu0 = cpuNanos();
				long t0 = System.nanoTime();
				int calls = 0;
				while (calls < 2 || System.nanoTime() - t0 < seconds * 1e9) {
					variant.classifier().classify(images);
					calls++;
				}
				double wall = (System.nanoTime() - t0) / 1e9;
				double imgPerSec = calls * batch / wall;
				if (imgPerSec > best[index]) {
					best[index] = imgPerSec;
					cpuPercent[index] = 100 * calls * batch * variant.gflop() / ((cpuNanos() - cpu0) / 1e9) / perCore;
				}
			}
		}
		for (int v = 0; v < variants.size(); v++) {
			Variant variant = variants.get(v);
			System.out.printf(Locale.ROOT,
					"@@REWRITE model=%s variant=%s threads=%d batch=%d imgPerSec=%.2f ratio=%.3f percentOfPeak=%.1f "
							+ "percentPerCpuSecond=%.1f%n",
					variant.model(), variant.name().replace(' ', '_'), intra, batch, best[v], best[v] / best[0],
					(peak > 0) ? 100 * best[v] * variant.gflop() / peak : 0, cpuPercent[v]);
		}
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

}
