package com.example.classifier.api.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine alone: model-service's standalone engine benchmark process ({@code BenchmarkWorker}, the one
 * {@code EngineBenchmark} runs) on the same model file, engine, intra-op threads and batch size as the service under
 * test, loaded as the service loads {@code model.path}. It runs from the model-service's executable jar (its
 * libraries) plus the model-service's and common's test classes, through Spring Boot's {@code PropertiesLauncher}:
 * the api-service's class path holds no engine. The figure is the best of {@code rounds}: other work on a shared
 * machine only ever slows a round down.
 *
 * @param imgPerSec images per second of the best round
 * @param msPerBatch median milliseconds per call in that round
 * @param coresUsed CPU seconds the process got per wall second in that round (below the threads asked for: other
 * work on the machine had the rest)
 */
record EngineAlone(double imgPerSec, double msPerBatch, double coresUsed) {

	static EngineAlone measure(String model, String engine, String preprocessing, int intraOpThreads, int batch,
			double seconds, int rounds) throws IOException, InterruptedException {
		Path jar = Path.of(System.getProperty("model-service.jar"));
		Path target = jar.getParent();
		String loaderPath = target.resolve("test-classes") + ","
				+ target.resolveSibling("../common/target/test-classes").normalize();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx2g", "-Dloader.main=com.example.classifier.modelservice.model.BenchmarkWorker",
				"-Dloader.path=" + loaderPath, "-cp", jar.toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher", "service-model=" + model, "engine=" + engine,
				"preprocessing=" + preprocessing, "intra=" + intraOpThreads, "callers=1", "batches=" + batch,
				"seconds=" + seconds, "rounds=" + rounds, "minCalls=3"));
		for (String dir : loaderPath.split(",")) {
			if (!new File(dir).isDirectory()) {
				throw new IllegalStateException(dir + " is missing: build the test classes of common and model-service"
						+ " (the e2e-bench profile's verify does)");
			}
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("OMP_NUM_THREADS", Integer.toString(intraOpThreads));
		Process process = builder.start();
		double best = 0;
		double bestMs = 0;
		double bestCores = 0;
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
				StandardCharsets.UTF_8)); Writer in = new OutputStreamWriter(process.getOutputStream(),
						StandardCharsets.UTF_8)) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (line.startsWith("@@READY")) {
					in.write("GO\n");
					in.flush();
				}
				else if (line.startsWith("@@RESULT")) {
					double imgPerSec = Double.parseDouble(field(line, "imgPerSec"));
					System.out.println("engine alone, round: " + line.substring(2));
					if (imgPerSec > best) {
						best = imgPerSec;
						bestMs = Double.parseDouble(field(line, "medianMs"));
						bestCores = Double.parseDouble(field(line, "cpuSec")) / Double.parseDouble(field(line, "wallSec"));
					}
				}
				else if (line.startsWith("@@") || line.contains("Exception")) {
					System.out.println("engine alone: " + line);
				}
			}
		}
		finally {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		if (best == 0) {
			throw new IllegalStateException("The engine benchmark process gave no result (exit " + process.exitValue()
					+ "): " + String.join(" ", command));
		}
		return new EngineAlone(best, bestMs, bestCores);
	}

	private static String field(String line, String name) {
		for (String part : line.split(" ")) {
			if (part.startsWith(name + "=")) {
				return part.substring(name.length() + 1);
			}
		}
		throw new IllegalArgumentException("No " + name + " in " + line);
	}

}
