package io.xfs.proxy.mas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * An {@link UploadStateStore} in Redis, shared by every proxy. Layout: one hash per upload,
 * {@code xfs:mas:upload:<sha256>} with fields {@code name}, {@code size}, {@code created},
 * {@code updated} (epoch millis) and {@code chunk:<n>} = {@code <size>:<sha256>:<file>}; plus the sorted
 * set {@code xfs:mas:uploads} of upload hashes scored by {@code updated}, which the cleaner scans. Every
 * change is one Lua script, so it is atomic against other proxies. Thread-safe; the client is not closed here.
 */
final class RedisUploadStateStore implements UploadStateStore {
    static final String KEY_PREFIX = "xfs:mas:upload:";
    static final String INDEX_KEY = "xfs:mas:uploads";
    private static final String CHUNK_FIELD = "chunk:";

    /** KEYS upload, index; ARGV name, size, now, hash. Returns {fields of the upload, fields of a replaced one}. */
    private static final String INIT = """
            local size = redis.call('HGET', KEYS[1], 'size')
            local dropped = {}
            if size and size ~= ARGV[2] then
              dropped = redis.call('HGETALL', KEYS[1])
              redis.call('DEL', KEYS[1])
              size = false
            end
            if not size then
              redis.call('HSET', KEYS[1], 'size', ARGV[2], 'created', ARGV[3])
            end
            redis.call('HSET', KEYS[1], 'name', ARGV[1], 'updated', ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            return {redis.call('HGETALL', KEYS[1]), dropped}
            """;

    /** KEYS upload, index; ARGV field, value, now, hash. Returns the value now under field, nil without upload. */
    private static final String PUT_CHUNK = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return false end
            redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
            redis.call('HSET', KEYS[1], 'updated', ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            return redis.call('HGET', KEYS[1], ARGV[1])
            """;

    /** KEYS upload, index; ARGV cutoff millis, hash. Removes the upload if idle; returns its fields or {}. */
    private static final String REMOVE_IF_IDLE = """
            local updated = tonumber(redis.call('HGET', KEYS[1], 'updated'))
            if updated and updated >= tonumber(ARGV[1]) then return {} end
            local fields = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            return fields
            """;

    private final UnifiedJedis redis;

    RedisUploadStateStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public Init init(String hash, String name, long size, Instant now) {
        List<?> reply = (List<?>) redis.eval(INIT, List.of(key(hash), INDEX_KEY),
                List.of(name, Long.toString(size), millis(now), hash));
        UploadState state = parse(hash, pairs((List<?>) reply.get(0)));
        Map<String, String> dropped = pairs((List<?>) reply.get(1));
        List<ChunkRef> droppedChunks = dropped.isEmpty() ? List.of()
                : List.copyOf(parse(hash, dropped).chunks().values());
        return new Init(state, droppedChunks);
    }

    @Override
    public Optional<UploadState> find(String hash) {
        Map<String, String> fields = redis.hgetAll(key(hash));
        return fields.containsKey("size") ? Optional.of(parse(hash, fields)) : Optional.empty();
    }

    @Override
    public Optional<ChunkRef> putChunk(String hash, ChunkRef chunk, Instant now) {
        Object reply = redis.eval(PUT_CHUNK, List.of(key(hash), INDEX_KEY),
                List.of(CHUNK_FIELD + chunk.number(), encode(chunk), millis(now), hash));
        return reply == null ? Optional.empty() : Optional.of(decode(chunk.number(), text(reply)));
    }

    @Override
    public Optional<UploadState> remove(String hash) {
        return removeIfIdle(hash, Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    @Override
    public Optional<UploadState> removeIfIdle(String hash, Instant cutoff) {
        Map<String, String> fields = pairs((List<?>) redis.eval(REMOVE_IF_IDLE, List.of(key(hash), INDEX_KEY),
                List.of(Long.toString(cutoff.toEpochMilli()), hash)));
        return fields.containsKey("size") ? Optional.of(parse(hash, fields)) : Optional.empty();
    }

    @Override
    public List<String> idleSince(Instant cutoff, int limit) {
        return redis.zrangeByScore(INDEX_KEY, Double.NEGATIVE_INFINITY, cutoff.toEpochMilli() - 1, 0, limit);
    }

    private static String key(String hash) {
        return KEY_PREFIX + hash;
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static UploadState parse(String hash, Map<String, String> fields) {
        TreeMap<Integer, ChunkRef> chunks = new TreeMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(CHUNK_FIELD)) {
                int number = Integer.parseInt(field.substring(CHUNK_FIELD.length()));
                chunks.put(number, decode(number, value));
            }
        });
        return new UploadState(hash, fields.getOrDefault("name", hash), Long.parseLong(fields.get("size")),
                Instant.ofEpochMilli(Long.parseLong(fields.get("created"))),
                Instant.ofEpochMilli(Long.parseLong(fields.get("updated"))), chunks);
    }

    private static String encode(ChunkRef chunk) {
        return chunk.size() + ":" + chunk.sha256() + ":" + chunk.file();
    }

    private static ChunkRef decode(int number, String value) {
        String[] parts = value.split(":", 3);
        return new ChunkRef(number, Long.parseLong(parts[0]), parts[1], parts[2]);
    }

    /** A flat HGETALL-style reply as a map. */
    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(text(flat.get(i)), text(flat.get(i + 1)));
        }
        return map;
    }

    private static String text(@Nullable Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
