package io.xfs.proxy.token;

/** What a token lets a browser do; each type has a one-letter code inside the token text. */
public enum TokenType {
    UPLOAD('u'),
    DOWNLOAD('d');

    private final char code;

    TokenType(char code) {
        this.code = code;
    }

    char code() {
        return code;
    }

    static TokenType ofCode(String code) {
        for (TokenType type : values()) {
            if (code.length() == 1 && code.charAt(0) == type.code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown token type '" + code + "'");
    }
}
