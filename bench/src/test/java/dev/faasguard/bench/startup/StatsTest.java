package dev.faasguard.bench.startup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddSampleIsTheMiddleValue() {
        assertEquals(3.0, Stats.median(new double[] {5, 1, 3}));
        assertEquals(7.0, Stats.median(new double[] {7}));
    }

    @Test
    void medianOfEvenSampleIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
        assertEquals(15.0, Stats.median(new double[] {10, 20}));
    }

    @Test
    void inputIsNotReordered() {
        double[] values = {3, 1, 2};
        Stats.median(values);
        Stats.percentile(values, 90);
        assertArrayEquals(new double[] {3, 1, 2}, values);
    }

    @Test
    void percentileUsesNearestRank() {
        double[] oneToTwenty = new double[20];
        for (int i = 0; i < 20; i++) {
            oneToTwenty[19 - i] = i + 1;
        }
        assertEquals(18.0, Stats.percentile(oneToTwenty, 90));
        assertEquals(10.0, Stats.percentile(oneToTwenty, 50));
        assertEquals(20.0, Stats.percentile(oneToTwenty, 100));
        assertEquals(1.0, Stats.percentile(oneToTwenty, 1));
        double[] ten = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertEquals(9.0, Stats.percentile(ten, 90));
        assertEquals(10.0, Stats.percentile(ten, 91));
    }

    @Test
    void minAndMax() {
        double[] v = {4, -1, 9};
        assertEquals(-1.0, Stats.min(v));
        assertEquals(9.0, Stats.max(v));
    }

    @Test
    void pairedDifferencesAreElementWise() {
        assertArrayEquals(new double[] {1, -2, 0}, Stats.pairedDifferences(new double[] {3, 0, 5}, new double[] {2, 2, 5}));
        assertThrows(IllegalArgumentException.class, () -> Stats.pairedDifferences(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void rejectsEmptySamplesAndBadPercentiles() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[] {1}, 101));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[] {1}, Double.NaN));
    }
}
