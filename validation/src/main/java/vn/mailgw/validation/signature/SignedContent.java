package vn.mailgw.validation.signature;

import java.util.Objects;

import vn.mailgw.validation.filetype.FileType;

/**
 * One file a signature container signs: its name inside the container and its real type (sniffed from
 * its bytes). The verdict judges this file, editable or not, rather than the container around it.
 */
public record SignedContent(String name, FileType type, long size) {
    public SignedContent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
