package dev.attnvision.core.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Text on figures: white letters in a dark outline, readable on any background, in the JDK's logical sans font. */
final class Captions {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    static final Color BACKGROUND = new Color(0x1e, 0x1e, 0x1e);
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    private Captions() {}

    /** A Graphics2D on {@code image} with anti-aliased text and shapes. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    /** Width of {@code text} in {@code font}, in pixels (rounded up). */
    static int width(String text, Font font) {
        return (int) Math.ceil(new TextLayout(text, font, MEASURE).getAdvance());
    }

    /** Height from the top of the tallest letter to the baseline. */
    static int ascent(Font font) {
        return (int) Math.ceil(new TextLayout("Ag", font, MEASURE).getAscent());
    }

    /** Draws {@code text} with its top-left corner at (x, y): a 3 px black outline, then white letters. */
    static void draw(Graphics2D g, String text, Font font, int x, int y) {
        TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
        Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(x, y + layout.getAscent()));
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(Color.BLACK);
        g.draw(outline);
        g.setColor(Color.WHITE);
        g.fill(outline);
    }
}
