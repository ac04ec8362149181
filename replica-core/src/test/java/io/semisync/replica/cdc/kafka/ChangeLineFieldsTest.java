package io.semisync.replica.cdc.kafka;

import io.semisync.replica.cdc.CdcException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeLineFieldsTest
{
    private final ChangeLineFields fields = new ChangeLineFields();

    @Test
    void keysAnInsertByItsAfterImageInKeyOrder()
    {
        read("{\"position\":\"17:2\",\"op\":\"c\",\"before\":null,\"after\":{\"b\":\"x\\\"y\",\"note\":{\"j\":[1]},\"a\":7},"
            + "\"source\":{\"db\":\"shop\",\"ts_ms\":1700000000000,\"table\":\"t\"},\"transaction\":{\"id\":null}}", "a", "b");

        assertThat(fields.position()).isEqualTo("17:2");
        assertThat(fields.database()).isEqualTo("shop");
        assertThat(fields.sourceMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(key()).isEqualTo("{\"a\":7,\"b\":\"x\\\"y\"}");
    }

    @Test
    void keysADeleteByItsBeforeImage()
    {
        read("{\"position\":\"3:1\",\"op\":\"d\",\"before\":{\"id\":-5,\"v\":1.5},\"after\":null,\"source\":{\"db\":\"d\"}}", "id");

        assertThat(key()).isEqualTo("{\"id\":-5}");
    }

    @Test
    void keysAnUpdateWhoseAfterImageLeavesTheKeyOutByItsBeforeImage()
    {
        read("{\"position\":\"3:1\",\"op\":\"u\",\"before\":{\"id\":9},\"after\":{\"v\":2},\"source\":{\"db\":\"d\"}}", "id");

        assertThat(key()).isEqualTo("{\"id\":9}");
    }

    @Test
    void splitsAnUpdateThatChangesTheKeyIntoTheOldKeysDeleteAndTheNewKeysCreate()
    {
        final String line = "{\"position\":\"4:2\",\"op\":\"u\",\"before\":{\"id\":9,\"k\":\"é\",\"v\":1},"
            + "\"after\":{\"id\":10,\"k\":\"é\",\"v\":1},\"source\":{\"db\":\"d\"}}";
        read(line, "id", "k");

        assertThat(fields.keyChanged()).isTrue();
        assertThat(new String(fields.oldKey(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":9,\"k\":\"é\"}");
        assertThat(key()).isEqualTo("{\"id\":10,\"k\":\"é\"}");
        final byte[] bytes = (line + "trailing").getBytes(StandardCharsets.UTF_8);
        final int length = line.getBytes(StandardCharsets.UTF_8).length;
        assertThat(new String(fields.asDelete(bytes, length), StandardCharsets.UTF_8)).isEqualTo("{\"position\":\"4:2\",\"op\":\"d\","
            + "\"before\":{\"id\":9,\"k\":\"é\",\"v\":1},\"after\":null,\"source\":{\"db\":\"d\"}}");
        assertThat(new String(fields.asCreate(bytes, length), StandardCharsets.UTF_8)).isEqualTo("{\"position\":\"4:2\",\"op\":\"c\","
            + "\"before\":null,\"after\":{\"id\":10,\"k\":\"é\",\"v\":1},\"source\":{\"db\":\"d\"}}");
    }

    @Test
    void seesNoKeyChangeInAnUpdateOfOtherColumnsNorInInsertsAndDeletes()
    {
        read("{\"position\":\"4:2\",\"op\":\"u\",\"before\":{\"id\":9,\"v\":1},\"after\":{\"id\":9,\"v\":2}}", "id");
        assertThat(fields.keyChanged()).isFalse();
        read("{\"position\":\"4:3\",\"op\":\"u\",\"before\":{\"id\":9,\"v\":1},\"after\":{\"v\":2}}", "id");
        assertThat(fields.keyChanged()).isFalse();
        read("{\"position\":\"4:4\",\"op\":\"c\",\"before\":null,\"after\":{\"id\":9}}", "id");
        assertThat(fields.keyChanged()).isFalse();
        read("{\"position\":\"4:5\",\"op\":\"d\",\"before\":{\"id\":9},\"after\":null}", "id");
        assertThat(fields.keyChanged()).isFalse();
        read("{\"position\":\"4:6\",\"op\":\"u\",\"before\":{\"id\":9},\"after\":{\"id\":10}}");
        assertThat(fields.keyChanged()).as("no primary key").isFalse();
    }

    @Test
    void keysAMinimalImageUpdateOfOneKeyColumnByTheNewValueAndTheRestOfTheOld()
    {
        read("{\"position\":\"4:2\",\"op\":\"u\",\"before\":{\"a\":1,\"b\":2,\"v\":0},\"after\":{\"b\":3}}", "a", "b");

        assertThat(fields.keyChanged()).isTrue();
        assertThat(new String(fields.oldKey(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(key()).isEqualTo("{\"a\":1,\"b\":3}");
    }

    @Test
    void givesNoKeyForATableWithoutPrimaryKey()
    {
        read("{\"position\":\"3:1\",\"op\":\"c\",\"before\":null,\"after\":{\"id\":9},\"source\":{\"db\":\"d\"}}");

        assertThat(fields.key()).isNull();
    }

    @Test
    void keysADdlLineByItsDatabase()
    {
        read("{\"position\":\"8:1\",\"ddl\":\"CREATE TABLE t (id INT)\",\"source\":{\"db\":\"sh\\\"op\",\"table\":null}}");

        assertThat(new String(fields.databaseKey(), StandardCharsets.UTF_8)).isEqualTo("{\"databaseName\":\"sh\\\"op\"}");
    }

    @Test
    void refusesALineWithoutPosition()
    {
        assertThatThrownBy(() -> read("{\"op\":\"c\"}")).isInstanceOf(CdcException.class).hasMessageContaining("no position field");
        assertThatThrownBy(() -> read("not json")).isInstanceOf(CdcException.class).hasMessageContaining("is not JSON");
    }

    private void read(final String line, final String... keyColumns)
    {
        final byte[] bytes = (line + "trailing bytes beyond the length").getBytes(StandardCharsets.UTF_8);
        fields.read(bytes, line.getBytes(StandardCharsets.UTF_8).length, keyColumns);
    }

    private String key()
    {
        return new String(fields.key(), StandardCharsets.UTF_8);
    }
}
