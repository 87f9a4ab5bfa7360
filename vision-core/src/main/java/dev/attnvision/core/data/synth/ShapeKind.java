package dev.attnvision.core.data.synth;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The object classes of the synthetic scenes, each an outline centred on the origin with unit extent. */
public enum ShapeKind {
    CIRCLE, SQUARE, TRIANGLE, STAR, RING, CROSS;

    /** Class names in class-id order. */
    public static List<String> classNames() {
        return Arrays.stream(values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Whether rotating the outline changes nothing. Round outlines are then never rotated, which also keeps their
     * bounds exact: Java2D before JDK 19 bounds Bezier curves by their control points, which a rotation moves
     * outside the circle.
     */
    boolean rotationInvariant() {
        return this == CIRCLE || this == RING;
    }

    /** The outline, about 1 unit across, centred on the origin, before rotation and scaling. */
    Shape outline() {
        return switch (this) {
            case CIRCLE -> new Ellipse2D.Double(-0.5, -0.5, 1, 1);
            case SQUARE -> new Rectangle2D.Double(-0.5, -0.5, 1, 1);
            case TRIANGLE -> polygon(3, 0.5, 0.5);
            case STAR -> polygon(5, 0.5, 0.2);
            case RING -> {
                Area ring = new Area(new Ellipse2D.Double(-0.5, -0.5, 1, 1));
                ring.subtract(new Area(new Ellipse2D.Double(-0.3, -0.3, 0.6, 0.6)));
                yield ring;
            }
            case CROSS -> {
                Area cross = new Area(new Rectangle2D.Double(-0.5, -0.14, 1, 0.28));
                cross.add(new Area(new Rectangle2D.Double(-0.14, -0.5, 0.28, 1)));
                yield cross;
            }
        };
    }

    /** A regular polygon ({@code outer == inner}) or star with {@code points} tips. */
    private static Shape polygon(int points, double outer, double inner) {
        Path2D.Double path = new Path2D.Double();
        int vertices = outer == inner ? points : 2 * points;
        for (int i = 0; i < vertices; i++) {
            double radius = outer == inner || i % 2 == 0 ? outer : inner;
            double angle = -Math.PI / 2 + 2 * Math.PI * i / vertices;
            double x = radius * Math.cos(angle);
            double y = radius * Math.sin(angle);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }
}
