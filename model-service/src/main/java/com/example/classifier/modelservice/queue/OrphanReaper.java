package com.example.classifier.modelservice.queue;

import java.util.List;

import com.example.classifier.common.KeyScan;
import com.example.classifier.common.LuaScripts;
import com.example.classifier.common.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recovers the jobs of workers that died holding them: a processing list whose worker's heartbeat has expired goes
 * back to the queue of each job's own model (a worker of one model may reap the jobs of a dead worker of another).
 * Every live worker runs this; the Lua script makes concurrent reapers harmless.
 */
@Component
class OrphanReaper {

	private static final Logger log = LoggerFactory.getLogger(OrphanReaper.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REQUEUE_ORPHANS = LuaScripts.load("scripts/requeue-orphans.lua", List.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final QueueProperties queue;

	private final WorkerProperties worker;

	private final DeadLetters deadLetters;

	OrphanReaper(StringRedisTemplate redis, RedisKeys keys, QueueProperties queue, WorkerProperties worker,
			DeadLetters deadLetters) {
		this.redis = redis;
		this.keys = keys;
		this.queue = queue;
		this.worker = worker;
		this.deadLetters = deadLetters;
	}

	@Scheduled(fixedDelayString = "${worker.reap-interval:5s}", initialDelayString = "${worker.reap-interval:5s}")
	void reap() {
		try {
			for (String processingList : processingLists()) {
				String workerId = processingList.substring(this.keys.processing("").length());
				if (!workerId.equals(this.worker.id())) {
					requeue(processingList, workerId);
				}
			}
		}
		catch (DataAccessException ex) {
			log.debug("Reaper skipped a round: {}", ex.getMessage());
		}
	}

	private void requeue(String processingList, String workerId) {
		List<?> counts = this.redis.execute(REQUEUE_ORPHANS,
				List.of(processingList, this.keys.jobQueue(), this.keys.deadLetters(),
						this.keys.workerHeartbeat(workerId)),
				String.valueOf(this.worker.maxAttempts()), String.valueOf(this.queue.resultTtl().toSeconds()),
				String.valueOf(this.queue.replyTtl().toSeconds()), this.keys.result(""),
				String.valueOf(this.deadLetters.cap()), this.keys.defaultModel().value(), this.keys.modelQueuePrefix());
		long requeued = ((Number) counts.get(0)).longValue();
		long dead = ((Number) counts.get(1)).longValue();
		this.deadLetters.countDropped(((Number) counts.get(2)).longValue());
		if (requeued + dead > 0) {
			log.warn("Worker {} is gone: requeued {} of its jobs, set {} aside as dead letters", workerId, requeued,
					dead);
		}
	}

	private List<String> processingLists() {
		return KeyScan.keys(this.redis, this.keys.processingPattern());
	}

}
