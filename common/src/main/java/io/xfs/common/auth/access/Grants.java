package io.xfs.common.auth.access;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.path.XfsPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An access key's permissions, per bucket, with {@code *} standing for every bucket. Written as
 * {@code bucket:perm,perm} (one grant; {@code *} as permission means all four), as the admin API and the
 * CLI take them: {@code photos:read,list} or {@code *:*}. Immutable.
 */
public record Grants(Map<String, Set<Permission>> byBucket) {
    public static final String ALL_BUCKETS = "*";

    public Grants {
        Map<String, Set<Permission>> copy = new TreeMap<>();
        byBucket.forEach((bucket, permissions) -> {
            if (!bucket.equals(ALL_BUCKETS)) {
                XfsPath.validateBucket(bucket);
            }
            if (!permissions.isEmpty()) {
                copy.put(bucket, Set.copyOf(EnumSet.copyOf(permissions)));
            }
        });
        byBucket = Map.copyOf(copy);
    }

    /** Everything on every bucket: the admin key's grants. */
    public static Grants all() {
        return new Grants(Map.of(ALL_BUCKETS, EnumSet.allOf(Permission.class)));
    }

    public boolean allows(String bucket, Permission permission) {
        Set<Permission> own = byBucket.get(bucket);
        if (own != null && own.contains(permission)) {
            return true;
        }
        Set<Permission> any = byBucket.get(ALL_BUCKETS);
        return any != null && any.contains(permission);
    }

    /**
     * Parses grants written as {@code bucket:perm,perm}.
     *
     * @throws XfsException {@link ErrorCode#BAD_ARGUMENT} or {@link ErrorCode#INVALID_BUCKET}
     */
    public static Grants parse(Collection<String> specs) {
        Map<String, Set<Permission>> byBucket = new TreeMap<>();
        for (String spec : specs) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0 || colon == spec.length() - 1) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT,
                        "a grant is <bucket>:<permission>[,<permission>...], e.g. photos:read,list or *:*; got '"
                                + spec + "'");
            }
            Set<Permission> permissions = byBucket.computeIfAbsent(spec.substring(0, colon).strip(),
                    b -> EnumSet.noneOf(Permission.class));
            for (String label : spec.substring(colon + 1).split(",")) {
                if (label.strip().equals("*")) {
                    permissions.addAll(EnumSet.allOf(Permission.class));
                } else {
                    permissions.add(Permission.of(label));
                }
            }
        }
        if (byBucket.isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "a key needs at least one grant, e.g. photos:read,list");
        }
        return new Grants(byBucket);
    }

    /** The grants as {@link #parse} reads them, one per bucket, sorted. */
    public List<String> specs() {
        List<String> specs = new ArrayList<>();
        new TreeMap<>(byBucket).forEach((bucket, permissions) -> specs.add(bucket + ":" + String.join(",",
                EnumSet.copyOf(permissions).stream().map(Permission::label).toList())));
        return specs;
    }
}
