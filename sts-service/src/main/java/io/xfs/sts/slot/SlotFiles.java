package io.xfs.sts.slot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names on disk, all in one place. A slot directory is named by its start time in UTC,
 * {@code yyyyMMdd'T'HHmmss'Z'}, so that {@code ls} sorts slots by age; a file in it is named by
 * {@link StoreKey#fileName()}; a file being written carries {@link #TEMP_SUFFIX} until it is complete.
 */
final class SlotFiles {
    static final String TEMP_SUFFIX = ".tmp";
    private static final DateTimeFormatter SLOT_NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern STORED_NAME = Pattern.compile("[fu]-[0-9a-f]{64}");

    private SlotFiles() {
    }

    static String slotName(Instant slotStart) {
        return SLOT_NAME.format(slotStart);
    }

    /** The start of the slot a directory name stands for, or empty if it is no slot's name. */
    static Optional<Instant> parseSlotName(String name) {
        try {
            return Optional.of(Instant.from(SLOT_NAME.parse(name)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static boolean isStoredName(String name) {
        return STORED_NAME.matcher(name).matches();
    }

    static boolean isTempName(String name) {
        return name.endsWith(TEMP_SUFFIX);
    }
}
